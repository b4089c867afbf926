/**
 * The person's request form: checks the fields in plain French next to each field, keeps what is
 * typed in sessionStorage until intake-service accepts the request, and asks for a confirmation
 * before sending a red-button (cyber emergency) request. Then it opens the tracking page.
 */
import { intakeUrl } from "./config.js";
import { callJson, drafts, el, setFieldError } from "./http.js";

const DRAFT_KEY = "numi.request.draft";
const MAX_DESCRIPTION = 20000;
const MAX_NAME = 200;
const MAX_CONTACT = 320;
const RED_BUTTON_DEFAULT = "Urgence signalée avec le bouton rouge du site, sans description.";

const CONTACT = {
  WHATSAPP: { label: "Votre numéro WhatsApp", hint: "Par exemple : 06 12 34 56 78", type: "tel", autocomplete: "tel", say: "WhatsApp" },
  PHONE: { label: "Votre numéro de téléphone", hint: "Par exemple : 06 12 34 56 78", type: "tel", autocomplete: "tel", say: "téléphone" },
  EMAIL: { label: "Votre adresse e-mail", hint: "Par exemple : jeanne.martin@exemple.fr", type: "email", autocomplete: "email", say: "e-mail" },
};

const form = document.getElementById("request-form");
const fields = {
  kind: () => form.querySelector('input[name="kind"]:checked'),
  contact: document.getElementById("contact-value"),
  name: document.getElementById("name"),
  description: document.getElementById("description"),
};
const errors = {
  kind: document.getElementById("kind-error"),
  contact: document.getElementById("contact-error"),
  name: document.getElementById("name-error"),
  description: document.getElementById("description-error"),
};
const summary = document.getElementById("error-summary");
const summaryList = document.getElementById("error-list");
const status = document.getElementById("form-status");
const submit = document.getElementById("submit");
const counter = document.getElementById("description-counter");
const redButton = document.getElementById("red-button");
const confirmation = document.getElementById("urgence-confirmation");
const confirmationContact = document.getElementById("urgence-contact");
let sending = false;

function kind() {
  const checked = fields.kind();
  return checked ? checked.value : "PHONE";
}

function showContactKind() {
  const spec = CONTACT[kind()];
  document.getElementById("contact-label").textContent = spec.label;
  document.getElementById("contact-hint").textContent = spec.hint;
  fields.contact.type = spec.type;
  fields.contact.autocomplete = spec.autocomplete;
}

function updateCounter() {
  const length = fields.description.value.length;
  counter.textContent = length > MAX_DESCRIPTION
    ? `${length.toLocaleString("fr-FR")} caractères : c'est ${(length - MAX_DESCRIPTION).toLocaleString("fr-FR")} de trop.`
    : `${length.toLocaleString("fr-FR")} caractères sur ${MAX_DESCRIPTION.toLocaleString("fr-FR")} au plus.`;
}

function saveDraft() {
  drafts.write(DRAFT_KEY, {
    kind: kind(),
    contact: fields.contact.value,
    name: fields.name.value,
    description: fields.description.value,
  });
}

function restoreDraft() {
  const draft = drafts.read(DRAFT_KEY);
  if (!draft) return;
  const radio = form.querySelector(`input[name="kind"][value="${CSS.escape(draft.kind || "PHONE")}"]`);
  if (radio) radio.checked = true;
  fields.contact.value = draft.contact || "";
  fields.name.value = draft.name || "";
  fields.description.value = draft.description || "";
  if (draft.description || draft.contact) {
    status.className = "notice";
    status.textContent = "Nous avons gardé ce que vous aviez écrit.";
  }
}

/** Checks the fields; returns [{key, message}] in the order of the page. */
function check(redButtonRequest) {
  const found = [];
  const contact = fields.contact.value.trim();
  if (!contact) {
    found.push({ key: "contact", message: kind() === "EMAIL"
      ? "Indiquez votre adresse e-mail pour que nous puissions vous répondre."
      : "Indiquez votre numéro pour que nous puissions vous rappeler." });
  } else if (contact.length > MAX_CONTACT) {
    found.push({ key: "contact", message: `Ce champ est trop long (${MAX_CONTACT} caractères au plus).` });
  } else if (kind() === "EMAIL" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) {
    found.push({ key: "contact", message: "Cette adresse e-mail semble incomplète. Exemple : jeanne.martin@exemple.fr" });
  } else if (kind() !== "EMAIL" && contact.replace(/\D/g, "").length < 9) {
    found.push({ key: "contact", message: "Ce numéro semble incomplet. Exemple : 06 12 34 56 78" });
  }
  if (fields.name.value.trim().length > MAX_NAME) {
    found.push({ key: "name", message: `Le nom est trop long (${MAX_NAME} caractères au plus).` });
  }
  const description = fields.description.value.trim();
  if (!description && !redButtonRequest) {
    found.push({ key: "description", message: "Décrivez votre demande en quelques mots." });
  } else if (fields.description.value.length > MAX_DESCRIPTION) {
    found.push({ key: "description", message: `Votre texte est trop long : ${MAX_DESCRIPTION.toLocaleString("fr-FR")} caractères au plus. Raccourcissez-le (vous pourrez donner les détails au conseiller).` });
  }
  return found;
}

function clearErrors() {
  for (const key of Object.keys(errors)) {
    const input = key === "kind" ? null : fields[key];
    if (input) setFieldError(input, errors[key], "");
    else errors[key].textContent = "";
  }
  summary.hidden = true;
  summaryList.replaceChildren();
}

function showErrors(found) {
  clearErrors();
  for (const { key, message } of found) {
    const input = key === "kind" ? form.querySelector('input[name="kind"]') : fields[key];
    if (key === "kind") errors.kind.textContent = message;
    else setFieldError(input, errors[key], message);
    const target = input.id || "contact-value";
    summaryList.append(el("li", {}, el("a", { href: `#${target}`, onclick: (event) => {
      event.preventDefault();
      input.focus();
    } }, message)));
  }
  summary.hidden = false;
  summary.focus();
}

/** intake-service's field names (errors[].field) → this form's fields. */
function keyOf(field) {
  if (!field) return null;
  if (field.startsWith("contact.kind")) return "kind";
  if (field.startsWith("contact")) return "contact";
  if (field === "name") return "name";
  if (field === "description" || field === "subject") return "description";
  return null;
}

async function send(redButtonRequest) {
  if (sending) return;
  status.textContent = "";
  const found = check(redButtonRequest);
  if (found.length) {
    showErrors(found);
    return;
  }
  clearErrors();
  sending = true;
  submit.disabled = true;
  document.getElementById("red-confirm").disabled = true;
  status.className = "notice";
  status.textContent = redButtonRequest ? "Envoi de l'alerte en cours…" : "Envoi de votre demande en cours…";
  const body = {
    contact: { kind: kind(), value: fields.contact.value.trim() },
    description: fields.description.value.trim() || RED_BUTTON_DEFAULT,
    redButton: redButtonRequest,
  };
  if (fields.name.value.trim()) body.name = fields.name.value.trim();
  try {
    const { body: accepted } = await callJson(`${intakeUrl()}/api/v1/requests`, { method: "POST", body });
    drafts.write(`numi.accepted.${accepted.trackingToken}`, {
      ticketId: accepted.ticketId,
      message: accepted.message,
      redButton: redButtonRequest,
      firstInstructions: accepted.firstInstructions || null,
      at: new Date().toISOString(),
    });
    drafts.remove(DRAFT_KEY);
    window.location.assign(`/suivi.html?t=${encodeURIComponent(accepted.trackingToken)}`);
  } catch (error) {
    refused(error);
  } finally {
    sending = false;
    submit.disabled = false;
    document.getElementById("red-confirm").disabled = false;
  }
}

function refused(error) {
  status.className = "notice error";
  const kept = " Ce que vous avez écrit est conservé.";
  if (error.status === 400) {
    const found = error.fieldErrors
      .map((e) => ({ key: keyOf(e.field), message: e.message }))
      .filter((e) => e.key);
    if (found.length) {
      status.textContent = "";
      showErrors(found.map((e) => e.message === "valeur invalide" ? { ...e, message: "Cette valeur n'est pas acceptée." } : e));
      return;
    }
    status.textContent = `${error.problem.detail || "La demande n'a pas été acceptée."}${kept}`;
  } else if (error.status === 413) {
    showErrors([{ key: "description", message: "Votre texte est trop long pour être envoyé. Raccourcissez-le (vous pourrez donner les détails au conseiller)." }]);
    status.textContent = "";
    return;
  } else if (error.status === 429 || error.status === 503) {
    const wait = Number.parseInt(error.retryAfter || "30", 10);
    status.textContent = `Le service est très sollicité en ce moment. Réessayez dans ${Number.isFinite(wait) ? wait : 30} secondes.${kept}`;
  } else if (error.status === 0) {
    status.textContent = `Nous n'arrivons pas à joindre le service d'aide. Vérifiez votre connexion à Internet, puis appuyez de nouveau sur le bouton.${kept}`;
  } else {
    status.textContent = `Un problème est survenu de notre côté (erreur ${error.status}). Réessayez dans un instant, ou appelez-nous.${kept}`;
  }
  status.setAttribute("tabindex", "-1");
  status.focus();
}

function openConfirmation() {
  confirmation.hidden = false;
  redButton.setAttribute("aria-expanded", "true");
  const contact = fields.contact.value.trim();
  confirmationContact.textContent = contact
    ? `Nous vous recontacterons par ${CONTACT[kind()].say} : ${contact}.`
    : "Avant d'envoyer, indiquez comment vous recontacter dans le formulaire ci-dessous (numéro ou e-mail).";
  document.getElementById("urgence-confirmation-titre").focus();
}

function closeConfirmation() {
  confirmation.hidden = true;
  redButton.setAttribute("aria-expanded", "false");
  redButton.focus();
}

restoreDraft();
showContactKind();
updateCounter();
form.addEventListener("input", () => {
  saveDraft();
  updateCounter();
});
form.addEventListener("change", (event) => {
  if (event.target.name === "kind") showContactKind();
  saveDraft();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  send(false);
});
redButton.addEventListener("click", openConfirmation);
document.getElementById("red-confirm").addEventListener("click", () => send(true));
document.getElementById("red-cancel").addEventListener("click", closeConfirmation);

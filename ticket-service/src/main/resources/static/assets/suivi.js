/**
 * The person's tracking page (/suivi.html?t=<token>): the ticket live over server-sent events, with a
 * visible "connexion perdue" state and automatic reconnection, the next step in plain words, the
 * first instructions at the top of a red-button request, and the rating form once resolved.
 */
import { intakeUrl } from "./config.js";
import { callJson, drafts, el, formatDate, setFieldError } from "./http.js";

const token = new URLSearchParams(window.location.search).get("t");
const accepted = token ? drafts.read(`numi.accepted.${token}`) : null;
/** A request accepted this moment may take a second or two to reach the ticket desk. */
const REGISTERING_GRACE_MS = 60_000;
const MAX_COMMENT = 2000;

const $ = (id) => document.getElementById(id);
const connection = $("connection");
const problem = $("problem");
let stream = null;
let retryDelay = 1000;
let retryTimer = null;
let lastVersion = -1;
let lastSteps = 0;
let online = false;
let hideConnectionTimer = null;

const announcer = el("div", { class: "visually-hidden", "aria-live": "polite", role: "status" });
document.body.append(announcer);

function showLost(text = "Connexion perdue, nouvelle tentative…") {
  online = false;
  clearTimeout(hideConnectionTimer);
  connection.textContent = `${text} Votre demande n'est pas perdue : la page se remettra à jour toute seule.`;
  connection.hidden = false;
}

function showOnline() {
  if (online) return;
  online = true;
  retryDelay = 1000;
  if (!connection.hidden) {
    connection.textContent = "Connexion rétablie : le suivi est à jour.";
    clearTimeout(hideConnectionTimer);
    hideConnectionTimer = setTimeout(() => { connection.hidden = true; }, 5000);
  }
}

function showProblem(text, retry) {
  problem.replaceChildren(el("p", {}, text));
  if (retry) {
    problem.append(el("p", {}, el("button", { type: "button", class: "secondary", onclick: () => {
      problem.hidden = true;
      load();
    } }, "Réessayer")));
  }
  problem.hidden = false;
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(load, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 10_000);
}

function justCreated() {
  return accepted && Date.now() - Date.parse(accepted.at) < REGISTERING_GRACE_MS;
}

/** Reads the ticket once; on success, follows it live. */
async function load() {
  clearTimeout(retryTimer);
  try {
    const { body } = await callJson(`/api/v1/tracking/${encodeURIComponent(token)}`);
    problem.hidden = true;
    render(body);
    follow();
  } catch (error) {
    if (error.status === 404) {
      if (justCreated()) {
        showLost("Votre demande est en cours d'enregistrement…");
        retryDelay = 1000;
        scheduleRetry();
        return;
      }
      connection.hidden = true;
      showProblem("Aucune demande ne correspond à ce lien de suivi. Vérifiez que le lien est complet "
        + "(copiez-le en entier depuis le message reçu), ou appelez-nous avec votre numéro de dossier.", true);
      return;
    }
    showLost();
    scheduleRetry();
  }
}

/** Opens the event stream; the browser reconnects by itself after a cut, and we take over if it gives up. */
function follow() {
  if (stream) stream.close();
  stream = new EventSource(`/api/v1/tracking/${encodeURIComponent(token)}/events`);
  stream.addEventListener("open", showOnline);
  stream.addEventListener("ticket", (event) => {
    showOnline();
    try {
      render(JSON.parse(event.data));
    } catch {
      /* a damaged event: the next one carries the whole state again */
    }
  });
  stream.addEventListener("error", () => {
    showLost();
    if (stream.readyState === EventSource.CLOSED) {
      stream.close();
      stream = null;
      scheduleRetry();
    }
  });
}

function render(view) {
  if (view.version < lastVersion) return;
  lastVersion = view.version;
  $("state").hidden = false;
  $("status-label").textContent = view.cyberUrgency ? `${view.statusLabel} – urgence cyber, traitée en priorité` : view.statusLabel;
  $("next-step").textContent = view.nextStep;
  $("reference").textContent = view.ticketId;
  $("level").textContent = view.level ? (view.levelLabel || `Niveau ${view.level}`) : "pas encore décidé";
  $("updated").textContent = formatDate(view.updatedAt);
  renderInstructions(view);
  renderTimeline(view.timeline || []);
  renderResolution(view);
  renderRating(view);
  $("reply").hidden = !view.canReply;
  $("verify").hidden = !view.contactToVerify || verified;
  $("verify-number").textContent = view.contactToVerify || "";
}

let verified = false;

/** The person writes on their request: the message goes to intake (the door every message comes in by). */
function setupReply() {
  const form = $("reply-form");
  const text = $("reply-text");
  const status = $("reply-status");
  const draftKey = `numi.reply.draft.${token}`;
  text.value = drafts.read(draftKey) || "";
  text.addEventListener("input", () => drafts.write(draftKey, text.value));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    setFieldError(text, $("reply-error"), "");
    status.className = "notice";
    const value = text.value.trim();
    if (!value) {
      setFieldError(text, $("reply-error"), "Écrivez votre message avant de l'envoyer.");
      text.focus();
      return;
    }
    if (value.length > 5000) {
      setFieldError(text, $("reply-error"), "Votre message est trop long : 5 000 caractères au plus.");
      text.focus();
      return;
    }
    $("reply-submit").disabled = true;
    status.textContent = "Envoi de votre message…";
    try {
      await callJson(`${intakeUrl()}/api/v1/tracking/${encodeURIComponent(token)}/messages`, { method: "POST", body: { text: value } });
      drafts.remove(draftKey);
      text.value = "";
      status.className = "notice ok";
      status.textContent = "Votre message est bien reçu : il apparaîtra ci-dessous dans un instant.";
    } catch (error) {
      status.className = "notice error";
      status.textContent = error.status === 0 ? "Nous n'arrivons pas à joindre le service. Votre message est conservé : réessayez dans un instant."
        : error.status === 429 ? "Trop de messages d'un coup : patientez une minute. Votre message est conservé."
          : `Votre message n'a pas pu être envoyé (erreur ${error.status}). Il est conservé : réessayez plus tard.`;
    } finally {
      $("reply-submit").disabled = false;
    }
  });
}

/** Proving the number typed on the form: a code by SMS, entered here. */
function setupVerification() {
  const status = $("verify-status");
  $("verify-send").addEventListener("click", async () => {
    status.className = "notice";
    status.textContent = "Envoi du code…";
    $("verify-send").disabled = true;
    try {
      await callJson(`${intakeUrl()}/api/v1/tracking/${encodeURIComponent(token)}/verification`, { method: "POST" });
      status.textContent = "Un code vient de vous être envoyé par SMS.";
      $("verify-form").hidden = false;
      $("verify-code").focus();
    } catch (error) {
      status.className = "notice error";
      status.textContent = error.status === 429 ? "Trop de codes demandés : réessayez dans une heure."
        : error.status === 409 ? (error.problem?.detail || "Ce numéro ne peut pas être vérifié.")
          : `Le code n'a pas pu être envoyé (erreur ${error.status}). Réessayez plus tard.`;
    } finally {
      $("verify-send").disabled = false;
    }
  });
  $("verify-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = $("verify-code").value.trim();
    setFieldError($("verify-code"), $("verify-error"), "");
    if (!/^\d{6}$/.test(code)) {
      setFieldError($("verify-code"), $("verify-error"), "Le code fait 6 chiffres.");
      $("verify-code").focus();
      return;
    }
    $("verify-submit").disabled = true;
    try {
      await callJson(`${intakeUrl()}/api/v1/tracking/${encodeURIComponent(token)}/verification/check`, { method: "POST", body: { code } });
      verified = true;
      $("verify-form").hidden = true;
      status.className = "notice ok";
      status.textContent = "Merci, votre numéro est vérifié : nos réponses vous arriveront aussi par SMS.";
    } catch (error) {
      const left = error.problem?.triesLeft;
      setFieldError($("verify-code"), $("verify-error"), error.status === 429 ? "Trop d'essais : demandez un nouveau code."
        : error.status === 400 ? `${error.problem?.detail || "Ce code n'est pas le bon."}${typeof left === "number" ? ` Encore ${left} essai${left > 1 ? "s" : ""}.` : ""}`
          : `Le code n'a pas pu être vérifié (erreur ${error.status}).`);
    } finally {
      $("verify-submit").disabled = false;
    }
  });
}

/** « Est-ce réglé ? »: yes closes the request, no sends it back to an adviser. */
function renderResolution(view) {
  $("resolution").hidden = !view.resolutionCheck;
}

async function answerResolution(solved) {
  const status = $("resolution-status");
  status.className = "notice";
  status.textContent = "Envoi de votre réponse…";
  $("resolution-yes").disabled = true;
  $("resolution-no").disabled = true;
  try {
    const { body } = await callJson(`/api/v1/tracking/${encodeURIComponent(token)}/resolution`, { method: "POST", body: { solved } });
    status.className = "notice ok";
    status.textContent = solved ? "Merci ! Votre demande est close." : "C'est noté : un conseiller reprend votre demande.";
    render(body);
  } catch (error) {
    status.className = "notice error";
    status.textContent = error.status === 409 ? "Votre réponse a déjà été prise en compte."
      : error.status === 0 ? "Nous n'arrivons pas à joindre le service. Vérifiez votre connexion à Internet, puis réessayez."
        : `Votre réponse n'a pas pu être enregistrée (erreur ${error.status}). Réessayez plus tard.`;
  } finally {
    $("resolution-yes").disabled = false;
    $("resolution-no").disabled = false;
  }
}

function hasLines(instructions) {
  return Boolean(instructions && Array.isArray(instructions.lines) && instructions.lines.length);
}

function renderInstructions(view) {
  const section = $("instructions");
  const list = $("instructions-lines");
  // The incident's own instructions once urgency-service has sent them; until then, those of the red button's
  // answer (what to do whatever happened), kept by the form in this browser.
  const shown = hasLines(view.firstInstructions) ? view.firstInstructions
    : accepted && hasLines(accepted.firstInstructions) ? accepted.firstInstructions : null;
  if (shown) {
    $("instructions-titre").textContent = shown.title || "À faire tout de suite";
    list.replaceChildren(...shown.lines.map((line) => el("li", {}, line)));
    section.hidden = false;
  } else if (view.cyberUrgency || (accepted && accepted.redButton)) {
    $("instructions-titre").textContent = "Urgence cyber : vos consignes arrivent";
    list.replaceChildren(el("li", {}, "Vos premières consignes s'affichent ici dans un instant."),
      el("li", {}, "En attendant : ne payez rien et ne donnez aucun code."));
    section.hidden = false;
  }
}

function renderTimeline(steps) {
  const list = $("timeline");
  list.replaceChildren(...steps.map((step) => el("li", { class: step.from ? `message ${step.from === "person" ? "person-message" : "agent-reply"}` : "" },
    el("time", { datetime: step.at }, formatDate(step.at)),
    step.from ? el("span", { class: "kind" }, step.from === "person" ? "Vous" : "Votre conseiller") : null,
    el("span", { class: step.from ? "message-text block" : "block" }, step.label))));
  if (lastSteps && steps.length > lastSteps) {
    announcer.textContent = `Nouvelle étape : ${steps[steps.length - 1].label}`;
  }
  lastSteps = steps.length;
}

function ratedKey(ticketId) {
  return `numi.rated.${ticketId}`;
}

function renderRating(view) {
  const section = $("rating");
  const finished = view.status === "RESOLVED" || view.status === "CLOSED";
  if (!finished) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  section.dataset.ticketId = view.ticketId;
  let rated = false;
  try { rated = localStorage.getItem(ratedKey(view.ticketId)) === "yes"; } catch { /* ignore */ }
  if (rated) thanks();
}

function thanks() {
  const form = $("rating-form");
  if (form) form.replaceWith(el("p", { class: "notice ok", id: "rating-thanks", tabindex: "-1" },
    "Merci pour votre avis ! Il nous aide à mieux vous aider."));
}

function setupRating() {
  const form = $("rating-form");
  const comment = $("comment");
  const status = $("rating-status");
  const draftKey = `numi.rating.draft.${token}`;
  const draft = drafts.read(draftKey);
  if (draft) {
    comment.value = draft.comment || "";
    const radio = form.querySelector(`input[name="rating"][value="${CSS.escape(String(draft.rating || ""))}"]`);
    if (radio) radio.checked = true;
  }
  const save = () => drafts.write(draftKey, {
    comment: comment.value,
    rating: form.querySelector('input[name="rating"]:checked')?.value || null,
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "";
    status.className = "notice";
    const chosen = form.querySelector('input[name="rating"]:checked');
    const firstRadio = form.querySelector('input[name="rating"]');
    $("rating-error").textContent = "";
    setFieldError(comment, $("comment-error"), "");
    if (!chosen) {
      $("rating-error").textContent = "Choisissez une note de 1 à 5.";
      firstRadio.focus();
      return;
    }
    if (comment.value.length > MAX_COMMENT) {
      setFieldError(comment, $("comment-error"), `Votre commentaire est trop long : ${MAX_COMMENT.toLocaleString("fr-FR")} caractères au plus.`);
      comment.focus();
      return;
    }
    const ticketId = $("rating").dataset.ticketId;
    const body = { ticketId, trackingToken: token, rating: Number(chosen.value) };
    if (comment.value.trim()) body.comment = comment.value.trim();
    $("rating-submit").disabled = true;
    status.textContent = "Envoi de votre avis…";
    try {
      await callJson(`${intakeUrl()}/api/v1/feedback`, { method: "POST", body });
      try { localStorage.setItem(ratedKey(ticketId), "yes"); } catch { /* ignore */ }
      drafts.remove(draftKey);
      thanks();
      $("rating-thanks").focus();
    } catch (error) {
      $("rating-submit").disabled = false;
      status.className = "notice error";
      const kept = " Votre note et votre commentaire sont conservés.";
      if (error.status === 400) {
        const fieldErrors = error.fieldErrors;
        const onComment = fieldErrors.find((e) => e.field === "comment");
        const onRating = fieldErrors.find((e) => e.field === "rating");
        if (onComment) setFieldError(comment, $("comment-error"), onComment.message);
        if (onRating) $("rating-error").textContent = onRating.message;
        status.textContent = (onComment || onRating) ? "Corrigez ce qui est indiqué, puis envoyez de nouveau." : `${error.problem.detail || "Votre avis n'a pas été accepté."}${kept}`;
      } else if (error.status === 404) {
        status.textContent = `Nous ne retrouvons pas ce dossier pour y joindre votre avis. Vérifiez le lien de suivi, ou donnez votre avis par téléphone.${kept}`;
      } else if (error.status === 409) {
        status.className = "notice ok";
        status.textContent = "Vous avez déjà donné votre avis sur cette demande. Merci !";
      } else if (error.status === 0) {
        status.textContent = `Nous n'arrivons pas à joindre le service. Vérifiez votre connexion à Internet, puis réessayez.${kept}`;
      } else {
        status.textContent = `Votre avis n'a pas pu être enregistré pour le moment (erreur ${error.status}). Réessayez plus tard.${kept}`;
      }
    }
  });
}

if (!token) {
  showProblem("Ce lien de suivi est incomplet. Utilisez le lien complet reçu par message ou par e-mail, "
    + "ou appelez-nous avec votre numéro de dossier.", false);
} else {
  if (accepted) {
    $("accepted").replaceChildren(el("p", {}, accepted.message || "Votre demande est bien reçue."),
      el("p", {}, "Gardez cette page : elle se met à jour toute seule. Vous serez aussi prévenu(e) à chaque étape."));
    $("accepted").hidden = false;
    if (accepted.redButton) renderInstructions({ cyberUrgency: true });
  }
  setupRating();
  setupReply();
  setupVerification();
  $("resolution-yes").addEventListener("click", () => answerResolution(true));
  $("resolution-no").addEventListener("click", () => answerResolution(false));
  load();
}

/**
 * The agents' console: sign in (the hotline's OpenID Connect provider, see signin.js), the level's queue, claim next,
 * the ticket with its timeline and triage reasons, and the actions of the desk API. For level 3, the
 * cyber urgency with the instructions sent and the orientation as a checklist. What an agent types is
 * kept in sessionStorage per ticket and action until the server accepts it; an expired session goes
 * back to sign-in with a message and loses no draft.
 */
import { intakeUrl } from "./config.js";
import { CallError, callJson, drafts, el, formatDate, setFieldError } from "./http.js";
import { SignInError, completeSignIn, signOutAtProvider, startSignIn } from "./signin.js";

const SESSION_KEY = "numi.console.session";
const FLASH_KEY = "numi.console.flash";
const MAX_TEXT = 5000;
const LEVEL_LABEL = { 1: "Padawan", 2: "Jedi", 3: "Maître cyber" };
const ROLE_LABEL = { AGENT_L1: "niveau 1", AGENT_L2: "niveau 2", AGENT_L3: "niveau 3", SUPERVISOR: "superviseur" };
const URGENCY = { LOW: "basse", NORMAL: "normale", HIGH: "haute", CRITICAL: "critique" };
const STATUS = {
  RECEIVED: "Reçue", QUALIFIED: "Orientée, en file", IN_PROGRESS: "En cours", WAITING_FOR_PERSON: "En attente de la personne",
  RESOLVED: "Résolue", CLOSED: "Close", REOPENED: "Rouverte, en file", MERGED: "Regroupée",
};

/** An agent notes a call they took (no PBX bridge, a call back): it becomes a ticket they hold. */
async function logCall(event) {
  event.preventDefault();
  const phone = $("call-phone").value.trim();
  const summary = $("call-summary").value.trim();
  setFieldError($("call-phone"), $("call-phone-error"), "");
  setFieldError($("call-summary"), $("call-summary-error"), "");
  if (!phone) { setFieldError($("call-phone"), $("call-phone-error"), "Indiquez le numéro de la personne."); $("call-phone").focus(); return; }
  if (!summary) { setFieldError($("call-summary"), $("call-summary-error"), "Résumez l'appel."); $("call-summary").focus(); return; }
  try {
    const { body } = await callJson(`${intakeUrl()}/api/v1/agent/calls`, { method: "POST", token: session.token,
      body: { phone, name: $("call-name").value.trim() || null, summary } });
    $("call-status").textContent = `Appel noté : dossier ${body.ticketId} (il apparaît dans un instant).`;
    $("call-form").reset();
    setTimeout(() => openTicket(body.ticketId, true), 2000);
  } catch (error) {
    const field = error.fieldErrors?.[0];
    $("call-status").textContent = error.status === 400 ? `Refusé : ${field?.message || error.message}` : `Appel non noté : ${error.message}`;
  }
}
const DELIVERY = { HANDED_TO_DELIVERY: "remises pour envoi", FAILED: "ÉCHEC de l'envoi" };
const QUEUE_REFRESH_MS = 10_000;

const $ = (id) => document.getElementById(id);
let session = drafts.read(SESSION_KEY);
let queueTimer = null;
let current = null;

// --- session ---

function signedIn() {
  return session && session.token && (!session.expiresAt || Date.now() < session.expiresAt);
}

function expire(message) {
  session = null;
  drafts.remove(SESSION_KEY);
  clearInterval(queueTimer);
  showSignIn(message);
}

function showSignIn(message) {
  $("desk").hidden = true;
  $("who").hidden = true;
  $("sign-out").hidden = true;
  $("signin").hidden = false;
  const notice = $("session-message");
  notice.textContent = message || "";
  notice.hidden = !message;
  document.title = "Connexion – console des conseillers – numi";
  $("signin-titre").setAttribute("tabindex", "-1");
  $("signin-titre").focus();
}

/** To the hotline's sign-in page (OpenID Connect, PKCE); it sends the agent back here signed in. */
async function signIn(event) {
  event.preventDefault();
  $("signin-error").textContent = "";
  $("signin-submit").disabled = true;
  try {
    await startSignIn();
  } catch (error) {
    $("signin-error").textContent = error instanceof SignInError ? error.message : `Connexion impossible : ${error.message}`;
    $("signin-submit").disabled = false;
  }
}

/** Ends the session here and at the provider, which sends the browser back to sign-in; the message waits for it. */
async function signOut() {
  const idToken = session?.idToken;
  session = null;
  drafts.remove(SESSION_KEY);
  clearInterval(queueTimer);
  drafts.write(FLASH_KEY, "Vous êtes déconnecté(e).");
  if (!(await signOutAtProvider(idToken))) showSignIn(takeFlash());
}

function takeFlash() {
  const message = drafts.read(FLASH_KEY);
  drafts.remove(FLASH_KEY);
  return message || "";
}

/** A call of the desk API with the agent's token; a refused token ends the session. */
async function desk(path, options = {}) {
  session = drafts.read(SESSION_KEY); // another tab may have signed out, or in again
  if (!signedIn()) {
    expire("Votre session a expiré. Reconnectez-vous : vos brouillons sont conservés.");
    throw new CallError(401, { detail: "session expirée" });
  }
  try {
    return await callJson(`/api/v1/agent${path}`, { ...options, token: session.token });
  } catch (error) {
    if (error.status === 401) {
      expire("Votre session a expiré ou n'est plus valable. Reconnectez-vous : vos brouillons sont conservés.");
    }
    throw error;
  }
}

// --- the desk ---

/** The hotline's categories (id, French label, default level), read once from the desk: labels and the correction's choices. */
let categories = [];

async function loadCategories() {
  if (categories.length) return;
  try {
    const { body } = await desk("/categories");
    categories = body || [];
  } catch {
    // the category shows as its id, and the correction form asks for the id
  }
}

function categoryLabel(id) {
  return categories.find((c) => c.id === id)?.label || id;
}

function showDesk() {
  $("signin").hidden = true;
  $("desk").hidden = false;
  $("who").textContent = `${session.agentId} – ${ROLE_LABEL[session.role]}`;
  $("who").hidden = false;
  $("sign-out").hidden = false;
  const select = $("queue-level");
  const levels = session.role === "SUPERVISOR" ? [1, 2, 3] : [session.level];
  select.replaceChildren(...levels.map((level) => el("option", { value: level, selected: level === session.level },
    `Niveau ${level} « ${LEVEL_LABEL[level]} »`)));
  select.disabled = levels.length === 1;
  document.title = "Console des conseillers – numi";
  loadCategories();
  refreshQueue();
  clearInterval(queueTimer);
  queueTimer = setInterval(refreshQueue, QUEUE_REFRESH_MS);
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  if (/^NUMI-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(wanted)) openTicket(wanted, false);
}

function queueLevel() {
  return Number($("queue-level").value || session.level);
}

async function refreshQueue() {
  if (!signedIn()) return;
  const level = queueLevel();
  $("queue-titre").textContent = `File du niveau ${level} « ${LEVEL_LABEL[level]} »`;
  try {
    const { body, headers } = await desk(`/queues/${level}`);
    const items = body || [];
    const waiting = Number(headers.get("X-Total-Count") || items.length);
    $("queue-rows").replaceChildren(...items.map(queueRow));
    $("queue-status").textContent = items.length
      ? `${waiting} demande${waiting > 1 ? "s" : ""} en attente${waiting > items.length ? ` (les ${items.length} premières ci-dessous)` : ""}. `
        + `Mise à jour à ${formatDate(new Date().toISOString(), true)}.`
      : "Aucune demande en attente sur ce niveau.";
    $("queue-table").hidden = items.length === 0;
  } catch (error) {
    if (error.status === 401) return;
    $("queue-status").textContent = error.status === 403 ? "Votre rôle ne donne pas accès à cette file."
      : error.status === 0 ? "Le serveur ne répond pas : la file sera actualisée dès son retour." : `File indisponible : ${error.message}`;
  }
}

function queueRow(item) {
  return el("tr", {},
    el("td", {}, el("span", { class: "reference" }, item.ticketId), " ",
      item.cyber ? el("span", { class: "badge cyber" }, "URGENCE CYBER") : null,
      item.cyberSuspected ? el("span", { class: "badge warn" }, "suspicion cyber") : null,
      item.needsReview ? el("span", { class: "badge" }, "tri à vérifier") : null,
      item.name ? el("span", { class: "block" }, item.name) : null),
    el("td", {}, URGENCY[item.urgency] || item.urgency || "–"),
    el("td", {}, item.categoryLabel || item.category || "–"),
    el("td", {}, formatDate(item.queuedAt, true)),
    el("td", {}, firstResponse(item, true)),
    el("td", {}, el("button", { type: "button", class: "secondary", onclick: () => openTicket(item.ticketId, true),
      "aria-label": `Ouvrir le dossier ${item.ticketId}` }, "Ouvrir")));
}

async function claimNext() {
  const level = queueLevel();
  $("queue-status").textContent = "Attribution en cours…";
  try {
    const { status, body } = await desk(`/queues/${level}/claim`, { method: "POST" });
    if (status === 204 || !body) {
      $("queue-status").textContent = "La file est vide : aucune demande à prendre.";
      return;
    }
    $("queue-status").textContent = `Vous avez pris le dossier ${body.ticketId}.`;
    showTicket(body, true);
    refreshQueue();
  } catch (error) {
    if (error.status !== 401) $("queue-status").textContent = `Impossible de prendre une demande : ${error.message}`;
  }
}

async function openTicket(ticketId, focus) {
  try {
    const { body } = await desk(`/tickets/${encodeURIComponent(ticketId)}`);
    showTicket(body, focus);
  } catch (error) {
    if (error.status === 401) return;
    $("queue-status").textContent = error.status === 404
      ? `Le dossier ${ticketId} n'existe pas ou n'est pas accessible à votre niveau.`
      : `Impossible d'ouvrir le dossier ${ticketId} : ${error.message}`;
  }
}

function showTicket(ticket, focus) {
  current = ticket;
  objectUrls.splice(0).forEach((url) => URL.revokeObjectURL(url));
  if (window.location.hash !== `#${ticket.ticketId}`) history.replaceState(null, "", `#${ticket.ticketId}`);
  $("ticket").hidden = false;
  $("ticket").dataset.ticketId = ticket.ticketId;
  $("ticket").dataset.status = ticket.status;
  $("ticket-titre").replaceChildren(`Dossier ${ticket.ticketId}`, " ",
    ticket.cyber ? el("span", { class: "badge cyber" }, "URGENCE CYBER") : null);
  $("ticket-facts").replaceChildren(...facts(ticket));
  $("person").replaceChildren(...personPanel(ticket));
  $("cyber").replaceChildren(...cyberPanel(ticket));
  $("triage").replaceChildren(...triagePanel(ticket.triage));
  $("actions").replaceChildren(...actionsFor(ticket));
  $("ticket-timeline").replaceChildren(...(ticket.conversation || []).map(conversationEntry));
  if (focus) $("ticket-titre").focus();
}

const LONG_TEXT = 600;
const ENTRY_LABEL = { PERSON_MESSAGE: "Message de la personne", AGENT_REPLY: "Réponse envoyée", NOTE: "Note interne" };
const CHANNEL_LABEL = { WEB: "web", WHATSAPP: "WhatsApp", PHONE: "téléphone" };
const ROUTE_LABEL = { WHATSAPP: "WhatsApp", SMS: "SMS", EMAIL: "e-mail", TRACKING_PAGE: "page de suivi" };

/** One line of the conversation: the person's words and the agents' answers stand out from system steps. */
function conversationEntry(entry) {
  const message = ["PERSON_MESSAGE", "AGENT_REPLY", "NOTE"].includes(entry.kind);
  const who = entry.kind === "PERSON_MESSAGE"
    ? `${entry.author || "La personne"}${entry.channel ? ` (${CHANNEL_LABEL[entry.channel] || entry.channel})` : ""}`
    : entry.author || null;
  const label = ENTRY_LABEL[entry.kind] || entry.kind;
  const text = el("p", { class: `message-text${entry.visibleToPerson ? "" : " internal"}` }, entry.text || "");
  const parts = [
    el("time", { datetime: entry.at }, formatDate(entry.at)),
    el("span", { class: "kind" }, `${label}${who ? ` · ${who}` : ""} · ${entry.visibleToPerson ? "visible par la personne" : "interne"}`),
    text,
  ];
  if ((entry.text || "").length > LONG_TEXT) {
    // A long phone transcript stays readable: folded to a few lines, opened on demand.
    text.classList.add("folded");
    const toggle = el("button", { type: "button", class: "link", "aria-expanded": "false" }, "Lire tout le message");
    toggle.addEventListener("click", () => {
      const open = text.classList.toggle("folded") === false;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "Replier le message" : "Lire tout le message";
    });
    parts.push(toggle);
  }
  if ((entry.attachments || []).length) {
    parts.push(el("ul", { class: "attachments" }, ...entry.attachments.map(attachmentItem)));
  }
  if (entry.kind === "PERSON_MESSAGE" && current && entry.requestRef && entry.requestRef !== current.ticketId && current.status !== "MERGED") {
    parts.push(el("button", { type: "button", class: "link", onclick: () => splitMessage(current, entry) },
      "Séparer ce message dans une demande à part"));
  }
  return el("li", { class: message ? `message ${entry.kind.toLowerCase().replace(/_/g, "-")}` : "" }, ...parts);
}

/** One of the person's messages is about something else: it becomes a ticket of its own, with its link. */
async function splitMessage(ticket, entry) {
  if (!window.confirm("Séparer ce message dans une demande à part ? Elle gardera ce message et son lien de suivi.")) return;
  try {
    const { body } = await desk(`/tickets/${encodeURIComponent(ticket.ticketId)}/split`, { method: "POST", body: { messageId: entry.id } });
    $("ticket-status").textContent = `Message séparé : nouvelle demande ${body.ticketId}.`;
    showTicket(body, true);
    refreshQueue();
  } catch (error) {
    if (error.status !== 401) $("ticket-status").textContent = `Séparation impossible : ${error.message}`;
  }
}

/** The same person wrote twice: the other ticket joins this one. */
async function mergeInto(ticket, otherId) {
  try {
    const { body } = await desk(`/tickets/${encodeURIComponent(ticket.ticketId)}/merge`, { method: "POST", body: { ticketId: otherId } });
    $("ticket-status").textContent = `${otherId} regroupée dans ${body.ticketId}.`;
    showTicket(body, false);
    refreshQueue();
  } catch (error) {
    if (error.status !== 401) $("ticket-status").textContent = `Regroupement impossible : ${error.message}`;
  }
}

const ATTACHMENT_LABEL = { image: "Photo", video: "Vidéo", document: "Document", sticker: "Autocollant", audio: "Audio",
  voice: "Message vocal", recording: "Enregistrement de l'appel" };
const objectUrls = [];

/**
 * What the person sent besides words: fetched from intake-service with the agent's token (the file is
 * never public), shown as a picture, an audio player or a download; until it is kept, where it stands.
 */
function attachmentItem(a) {
  const label = `${ATTACHMENT_LABEL[a.type] || a.type}${a.filename ? ` « ${a.filename} »` : ""}`;
  const item = el("li", { class: "attachment" }, el("span", {}, label), " ");
  const state = el("span", { class: "attachment-state", role: "status" }, a.attachmentId ? "chargement…" : "non récupérable (aucune référence)");
  item.append(state);
  if (a.attachmentId) loadAttachment(a, label, item, state);
  return item;
}

async function loadAttachment(a, label, item, state) {
  let response;
  try {
    response = await fetch(`${intakeUrl()}/api/v1/attachments/${encodeURIComponent(a.attachmentId)}`, {
      headers: { Authorization: `Bearer ${session.token}`, Accept: "*/*" }, cache: "no-store", credentials: "omit" });
  } catch {
    state.textContent = "service des pièces jointes injoignable";
    return;
  }
  if (response.ok) {
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    objectUrls.push(url);
    state.remove();
    if (blob.type.startsWith("image/")) {
      item.append(el("a", { href: url, target: "_blank", rel: "noopener" }, el("img", { src: url, alt: `${label} envoyée par la personne`, class: "attachment-image" })));
    } else if (blob.type.startsWith("audio/")) {
      item.append(el("audio", { controls: true, src: url, preload: "metadata", "aria-label": `${label} de la personne` }));
    } else if (blob.type.startsWith("video/")) {
      item.append(el("video", { controls: true, src: url, preload: "metadata", class: "attachment-image", "aria-label": `${label} de la personne` }));
    } else {
      item.append(el("a", { href: url, download: `${a.attachmentId}` }, "Télécharger"));
    }
    return;
  }
  let problem = {};
  try { problem = await response.json(); } catch { /* no body */ }
  state.textContent = response.status === 409 ? problem.detail || "non disponible"
    : response.status === 404 ? "introuvable" : response.status === 401 ? "session expirée : reconnectez-vous" : `erreur ${response.status}`;
  if (problem.status === "PENDING" || problem.status === "RETRYING") {
    setTimeout(() => { if (document.body.contains(item)) loadAttachment(a, label, item, state); }, 5000);
  }
}

/** Who the person is and how an answer reaches them (or that only a call back does). */
function personPanel(t) {
  const p = t.person || {};
  const items = [el("h3", { id: "person-titre" }, p.name ? `La personne : ${p.name}` : "La personne")];
  items.push(el("ul", { id: "person-contacts" }, ...(p.contacts || []).map((c) => el("li", {},
    `${c.kind === "EMAIL" ? "E-mail" : c.kind === "WHATSAPP" ? "WhatsApp" : "Téléphone"} : `,
    c.value.startsWith("+") ? el("a", { href: `tel:${c.value}` }, c.value) : c.value,
    " ", el("span", { class: c.proven ? "badge" : "badge warn" }, c.proven ? "vérifié" : "non vérifié")))));
  items.push(el("p", { id: "person-route" }, p.replyRoute
    ? `Vos réponses lui parviennent par ${ROUTE_LABEL[p.replyRoute] || p.replyRoute}.`
    : p.callBack ? `Pas de moyen écrit : rappelez-la au ${p.callBack}.` : "Aucun moyen de lui écrire."));
  if ((t.possibleDuplicates || []).length) {
    items.push(el("div", { class: "notice warn", id: "possible-duplicates" },
      el("p", {}, `Possiblement la même personne que ${t.possibleDuplicates.join(", ")} (même contact, non vérifié). `
        + "Regroupez si c'est bien elle : ses messages rejoindront ce dossier."),
      ...t.possibleDuplicates.map((other) => el("button", { type: "button", class: "secondary", onclick: () => mergeInto(t, other) },
        `Regrouper ${other} ici`))));
  }
  if (t.linkedTicketId) items.push(el("p", {}, `Suite de la demande ${t.linkedTicketId}.`));
  if (t.mergedInto) items.push(el("p", { class: "notice" }, `Regroupée dans ${t.mergedInto}.`));
  if (t.resolutionCheckPending) items.push(el("p", { class: "notice" }, "En attente de sa réponse à « Est-ce réglé ? »."));
  return items;
}

/** Where the promised first answer stands (computed by the server, on its clock): a word next to the time. */
const FIRST_RESPONSE = {
  LATE: { class: "badge cyber", text: "en retard" },
  DUE_SOON: { class: "badge warn", text: "bientôt dépassée" },
  PAUSED: { class: "badge", text: "en attente de la personne" },
};

function firstResponse(t, short) {
  if (!t.firstResponseDueAt) return "–";
  const mark = FIRST_RESPONSE[t.firstResponse];
  return el("span", {}, formatDate(t.firstResponseDueAt, short),
    mark ? " " : null, mark ? el("span", { class: mark.class }, mark.text) : null);
}

function fact(term, value) {
  return [el("dt", {}, term), el("dd", {}, value === null || value === undefined || value === "" ? "–" : value)];
}

function facts(t) {
  return [
    ...fact("Statut", STATUS[t.status] || t.status),
    ...fact("Personne", t.person?.name),
    ...fact("Niveau", t.levelLabel || t.level),
    ...fact("Urgence", URGENCY[t.urgency] || t.urgency),
    ...fact("Catégorie", t.categoryLabel || t.category),
    ...fact("Canal", t.channel),
    ...fact("Conseiller", t.assignee || "personne"),
    ...fact("Reçue", formatDate(t.receivedAt)),
    ...fact("Première réponse avant", t.firstResponseDueAt ? firstResponse(t, false) : null),
    ...fact("Escalades / réouvertures", `${t.escalations} / ${t.reopenings}`),
  ];
}

function cyberPanel(t) {
  const u = t.cyberUrgency;
  if (!u) return [];
  const checklistKey = `numi.console.checklist.${t.ticketId}.r${u.revision}`;
  const done = new Set(drafts.read(checklistKey) || []);
  const failed = u.instructionsDelivery === "FAILED" || u.orientationDelivery === "FAILED";
  return [el("section", { class: "instructions", "aria-labelledby": "cyber-titre" },
    el("h3", { id: "cyber-titre" }, `Urgence cyber : ${u.incidentLabel || u.incidentType}`),
    failed ? el("p", { class: "notice error", role: "alert" },
      "ATTENTION : les premières consignes n'ont pas pu être envoyées à la personne, contactez-la tout de suite.") : null,
    el("p", {}, `Déclenchée (${u.trigger || "?"}) le ${formatDate(u.declaredAt)} – révision ${u.revision}.`),
    el("h4", {}, `Consignes envoyées à la personne (${DELIVERY[u.instructionsDelivery] || u.instructionsDelivery || "?"})`),
    el("ol", { id: "cyber-instructions" }, ...(u.instructions || []).map((line) => el("li", {}, line))),
    el("h4", { id: "orientation-titre" }, `Orientation, dans l'ordre (${DELIVERY[u.orientationDelivery] || u.orientationDelivery || "?"})`),
    el("ul", { class: "checklist", id: "orientation", "aria-labelledby": "orientation-titre" }, ...(u.orientation || []).map((step) => {
      const id = `orientation-${step.order}`;
      const box = el("input", { type: "checkbox", id, checked: done.has(step.order) });
      box.addEventListener("change", () => {
        if (box.checked) done.add(step.order);
        else done.delete(step.order);
        drafts.write(checklistKey, [...done]);
      });
      return el("li", {}, el("label", { for: id }, box, el("span", {},
        el("strong", {}, `${step.order}. ${step.service}`), ` : ${step.action}`,
        step.phone ? el("span", { class: "block" }, "Téléphone : ", el("a", { href: `tel:${step.phone.replace(/\s/g, "")}` }, step.phone)) : null,
        step.url ? el("span", { class: "block" }, el("a", { href: step.url, target: "_blank", rel: "noopener noreferrer" }, `${step.url} (nouvel onglet)`)) : null,
        step.agentNote ? el("span", { class: "agent-note" }, `Note : ${step.agentNote}`) : null)));
    })))];
}

function triagePanel(triage) {
  if (!triage) return [el("p", {}, "Pas encore de décision du tri.")];
  return [
    el("dl", { class: "facts" },
      ...fact("Niveau proposé", triage.level),
      ...fact("Urgence", URGENCY[triage.urgency] || triage.urgency),
      ...fact("Catégorie", categoryLabel(triage.category)),
      ...fact("Cyber", triage.cyber ? "oui" : "non"),
      ...fact("Confiance", typeof triage.confidence === "number" ? `${Math.round(triage.confidence * 100)} %` : null),
      ...fact("Règles", triage.rulesVersion)),
    el("h4", {}, "Raisons"),
    (triage.reasons || []).length
      ? el("ul", { id: "triage-reasons" }, ...triage.reasons.map((r) => el("li", {},
        el("strong", {}, r.signal), r.detail ? ` : ${r.detail}` : "", typeof r.weight === "number" ? ` (poids ${r.weight})` : "")))
      : el("p", {}, "Aucune raison détaillée."),
  ];
}

// --- actions ---

const ACTIONS = {
  claim: { label: "Prendre en charge", path: "claim", statuses: ["QUALIFIED", "REOPENED"] },
  reply: { label: "Envoyer la réponse", path: "replies", statuses: ["IN_PROGRESS", "WAITING_FOR_PERSON"],
    text: { label: "Réponse à la personne", hint: "Envoyée sur son canal, en français simple.", required: "Écrivez la réponse avant de l'envoyer." } },
  note: { label: "Ajouter la note", path: "notes", statuses: ["RECEIVED", "QUALIFIED", "IN_PROGRESS", "WAITING_FOR_PERSON", "RESOLVED", "REOPENED"],
    text: { label: "Note interne", hint: "Visible des seuls conseillers.", required: "Écrivez la note avant de l'ajouter." } },
  wait: { label: "Attendre la personne", path: "wait", statuses: ["IN_PROGRESS"],
    text: { label: "Question à la personne (facultatif)", hint: "Envoyée sur son canal ; le délai de première réponse est suspendu." } },
  resume: { label: "Reprendre sans réponse", path: "resume", statuses: ["WAITING_FOR_PERSON"] },
  escalate: { label: "Escalader", path: "escalations", statuses: ["QUALIFIED", "IN_PROGRESS", "WAITING_FOR_PERSON", "REOPENED"],
    text: { label: "Raison de l'escalade", hint: "Pour le conseiller du niveau suivant.", required: "Indiquez la raison de l'escalade.", max: 1000 } },
  resolve: { label: "Résoudre", path: "resolve", statuses: ["IN_PROGRESS", "WAITING_FOR_PERSON"],
    text: { label: "Résumé pour la personne (facultatif)", hint: "Envoyé sur son canal avec la demande d'avis." } },
  close: { label: "Clore", path: "close", statuses: ["RESOLVED"] },
  reopen: { label: "Rouvrir", path: "reopen", statuses: ["RESOLVED", "CLOSED"],
    text: { label: "Raison de la réouverture (facultatif)", hint: "Interne." } },
};

function actionsFor(ticket) {
  const forms = [];
  for (const [name, action] of Object.entries(ACTIONS)) {
    if (!action.statuses.includes(ticket.status)) continue;
    if (name === "escalate" && ticket.level >= 3) continue;
    forms.push(actionForm(ticket, name, action));
  }
  const refresh = el("button", { type: "button", class: "secondary", onclick: () => openTicket(ticket.ticketId, false) }, "Actualiser le dossier");
  if (!["CLOSED", "MERGED"].includes(ticket.status)) forms.push(triageForm(ticket));
  return [el("div", { class: "actions" }, refresh), el("h3", {}, "Actions"), ...forms];
}

/** Correct triage (level, category, cyber tier): a person decided; triage learns from it. */
function triageForm(ticket) {
  const tier = ticket.cyber ? "EMERGENCY" : ticket.cyberSuspected ? "SUSPECTED" : "NONE";
  const level = el("select", { id: "triage-level" }, ...[1, 2, 3].filter((l) => l <= session.level)
    .map((l) => el("option", { value: l, selected: l === ticket.level }, `Niveau ${l} « ${LEVEL_LABEL[l]} »`)));
  const category = categories.length
    ? el("select", { id: "triage-category" }, el("option", { value: "", selected: !ticket.category }, "– inchangée –"),
      ...categories.map((c) => el("option", { value: c.id, selected: c.id === ticket.category }, `${c.label} (niveau ${c.level})`)))
    : el("input", { type: "text", id: "triage-category", value: ticket.category || "", pattern: "[a-z][a-z0-9-]*" });
  const cyber = el("select", { id: "triage-tier" },
    el("option", { value: "NONE", selected: tier === "NONE" }, "Pas cyber"),
    el("option", { value: "SUSPECTED", selected: tier === "SUSPECTED" }, "Suspicion cyber (niveau 3 regarde, pas d'alerte)"),
    el("option", { value: "EMERGENCY", selected: tier === "EMERGENCY" }, "Urgence cyber"));
  const error = el("p", { class: "error-text", id: "triage-error" });
  const form = el("form", { id: "action-triage", class: "panel", novalidate: true },
    el("h4", {}, ticket.needsReview ? "Tri à vérifier : corrigez si besoin" : "Corriger le tri"),
    el("div", { class: "field" }, el("label", { for: "triage-level" }, "Niveau"), level),
    el("div", { class: "field" }, el("label", { for: "triage-category" }, "Catégorie"), category),
    el("div", { class: "field" }, el("label", { for: "triage-tier" }, "Cyber"), cyber),
    error, el("div", { class: "actions" }, el("button", { type: "submit", class: "secondary" }, "Enregistrer la correction")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    try {
      const { body } = await desk(`/tickets/${encodeURIComponent(ticket.ticketId)}/triage`, { method: "POST",
        body: { level: Number(level.value), category: category.value.trim() || null, cyberTier: cyber.value } });
      $("ticket-status").textContent = "Tri corrigé.";
      showTicket(body, false);
      refreshQueue();
    } catch (failure) {
      if (failure.status !== 401) error.textContent = `Correction refusée : ${failure.message}`;
    }
  });
  return form;
}

function actionForm(ticket, name, action) {
  const draftKey = `numi.console.draft.${ticket.ticketId}.${name}`;
  const prefix = `action-${name}`;
  const error = el("p", { class: "error-text", id: `${prefix}-error` });
  const form = el("form", { id: prefix, novalidate: true, class: action.text ? "panel" : "" });
  let textarea = null;
  let levelSelect = null;
  if (name === "escalate") {
    levelSelect = el("select", { id: `${prefix}-level` }, ...[2, 3].filter((l) => l > ticket.level)
      .map((l) => el("option", { value: l }, `Niveau ${l} « ${LEVEL_LABEL[l]} »`)));
    form.append(el("div", { class: "field" }, el("label", { for: `${prefix}-level` }, "Vers le niveau"), levelSelect));
  }
  if (action.text) {
    textarea = el("textarea", { id: `${prefix}-text`, rows: 3, "aria-describedby": `${prefix}-hint ${prefix}-error` });
    textarea.value = drafts.read(draftKey) || "";
    textarea.addEventListener("input", () => drafts.write(draftKey, textarea.value));
    form.append(el("div", { class: "field" },
      el("label", { for: `${prefix}-text` }, action.text.label),
      el("span", { class: "hint", id: `${prefix}-hint` }, action.text.hint),
      error, textarea));
  } else {
    form.append(error);
  }
  const button = el("button", { type: "submit", class: name === "resolve" ? "" : (action.text ? "" : "secondary") }, action.label);
  form.append(el("div", { class: "actions" }, button));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = textarea ? textarea.value.trim() : "";
    const max = action.text?.max || MAX_TEXT;
    if (textarea) setFieldError(textarea, error, "");
    else error.textContent = "";
    if (textarea && action.text.required && !text) {
      setFieldError(textarea, error, action.text.required);
      textarea.focus();
      return;
    }
    if (textarea && text.length > max) {
      setFieldError(textarea, error, `Texte trop long : ${max.toLocaleString("fr-FR")} caractères au plus (actuellement ${text.length.toLocaleString("fr-FR")}).`);
      textarea.focus();
      return;
    }
    let body;
    if (name === "escalate") body = { level: Number(levelSelect.value), reason: text };
    else if (["reply", "note"].includes(name)) body = { text };
    else if (["wait", "resolve", "reopen"].includes(name)) body = text ? { text } : {};
    button.disabled = true;
    try {
      const { body: updated } = await desk(`/tickets/${encodeURIComponent(ticket.ticketId)}/${action.path}`, { method: "POST", body });
      drafts.remove(draftKey);
      showTicket(updated, false);
      $("ticket-status").textContent = `${action.label} : fait.`;
      refreshQueue();
    } catch (failure) {
      button.disabled = false;
      if (failure.status === 401) return;
      const message = failure.status === 409 ? `Action impossible dans l'état actuel : ${failure.message}`
        : failure.status === 404 ? "Ce dossier n'est plus accessible à votre niveau."
          : failure.status === 400 ? (failure.fieldErrors[0]?.message ? `Refusé : ${failure.fieldErrors[0].message}` : failure.message)
            : failure.status === 0 ? "Le serveur ne répond pas. Votre texte est conservé : réessayez dans un instant."
              : `Refusé : ${failure.message}`;
      if (textarea) setFieldError(textarea, error, message);
      else error.textContent = message;
    }
  });
  return form;
}

// --- start ---

$("signin-form").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", signOut);
$("claim-next").addEventListener("click", claimNext);
$("call-form").addEventListener("submit", logCall);
$("refresh-queue").addEventListener("click", refreshQueue);
$("queue-level").addEventListener("change", refreshQueue);
window.addEventListener("hashchange", () => {
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  if (signedIn() && /^NUMI-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(wanted) && (!current || current.ticketId !== wanted)) openTicket(wanted, true);
});

async function start() {
  try {
    const returned = await completeSignIn();
    if (returned) {
      session = returned;
      drafts.write(SESSION_KEY, session);
    }
  } catch (error) {
    session = null;
    drafts.remove(SESSION_KEY);
    showSignIn(error instanceof SignInError ? error.message : `Connexion impossible : ${error.message}`);
    return;
  }
  if (signedIn()) showDesk();
  else if (session) expire("Votre session a expiré. Reconnectez-vous : vos brouillons sont conservés.");
  else showSignIn(takeFlash());
}

start();

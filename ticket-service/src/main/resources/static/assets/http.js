/** Small helpers shared by the pages: JSON calls, problem+json, drafts kept in sessionStorage. */

/** A call that did not give the expected answer: HTTP status, problem+json body if any. */
export class CallError extends Error {
  constructor(status, problem, cause) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;       // 0 when the server could not be reached
    this.problem = problem || {};
    this.cause = cause;
  }

  /** errors[] of a 400: [{field, message}] */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** fetch + JSON in and out; throws CallError for anything but 2xx, and for network failures (status 0). */
export async function callJson(url, { method = "GET", body, token, signal } = {}) {
  const headers = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: "no-store",
      credentials: "omit",
    });
  } catch (e) {
    throw new CallError(0, null, e);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    const error = new CallError(response.status, json);
    error.retryAfter = response.headers.get("Retry-After");
    throw error;
  }
  return { status: response.status, body: json, headers: response.headers };
}

/** Keeps what a person types in sessionStorage (this tab only), so an error or a reload loses nothing. */
export const drafts = {
  read(key) {
    try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch { return null; }
  },
  write(key, value) {
    try { sessionStorage.setItem(key, JSON.stringify(value)); } catch { /* private mode, full: nothing to do */ }
  },
  remove(key) {
    try { sessionStorage.removeItem(key); } catch { /* ignore */ }
  },
};

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeStyle: "short" });
const SHORT = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export function formatDate(iso, short = false) {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : (short ? SHORT : DATE_TIME).format(date);
}

/** Creates an element with attributes and children (strings become text: never HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Shows (or clears) the message under a field and marks the field for assistive technologies. */
export function setFieldError(input, errorNode, message) {
  errorNode.textContent = message || "";
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

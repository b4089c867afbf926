/**
 * Agents' sign-in on the hotline's OpenID Connect provider: the authorization-code flow with PKCE (S256), as
 * a public client. The console never sees a password; it keeps the access token in sessionStorage (this tab)
 * and reads from it who the agent is (sub) and their roles (the "roles" claim). The services check the
 * token's signature, issuer, audience and expiry on every call; what the console reads is for display only.
 */
import { identityClientId, identityUrl } from "./config.js";
import { drafts } from "./http.js";

const PENDING_KEY = "numi.console.signin";
const AGENT_ROLES = ["SUPERVISOR", "AGENT_L3", "AGENT_L2", "AGENT_L1"];

/** Why a sign-in did not end with a session; {@code message} is for the agent, in French. */
export class SignInError extends Error {}

async function discovery() {
  let response;
  try {
    response = await fetch(`${identityUrl()}/.well-known/openid-configuration`, { cache: "no-store", credentials: "omit" });
  } catch (e) {
    throw new SignInError("Le service de connexion ne répond pas. Réessayez dans un instant.");
  }
  if (!response.ok) throw new SignInError(`Le service de connexion répond ${response.status}. Prévenez l'équipe technique.`);
  return response.json();
}

function base64Url(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText(length) {
  return base64Url(crypto.getRandomValues(new Uint8Array(length)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function redirectUri() {
  return `${window.location.origin}/console/`;
}

/** Sends the browser to the provider's sign-in page; it comes back to /console/ with a code. */
export async function startSignIn() {
  if (!window.crypto?.subtle) {
    throw new SignInError("Ce navigateur ne permet pas une connexion sûre ici (la console doit être servie en HTTPS).");
  }
  const config = await discovery();
  const verifier = randomText(32);
  const state = randomText(16);
  drafts.write(PENDING_KEY, { verifier, state, hash: window.location.hash });
  const query = new URLSearchParams({
    response_type: "code",
    client_id: identityClientId(),
    redirect_uri: redirectUri(),
    scope: "openid profile",
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: "S256",
  });
  window.location.assign(`${config.authorization_endpoint}?${query}`);
}

/** The claims of a JWT, unchecked (the services check it). */
function claimsOf(token) {
  const part = token.split(".")[1] || "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(decodeURIComponent(Array.from(json, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")));
}

/** The session an access token gives: agent id, the role the console works with, its level, expiry. */
export function sessionOf(accessToken, idToken) {
  const claims = claimsOf(accessToken);
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  const role = AGENT_ROLES.find((r) => roles.includes(r));
  if (!role) throw new SignInError("Ce compte n'a pas de rôle de conseiller (niveau 1, 2, 3 ou superviseur).");
  const level = role === "SUPERVISOR" ? 3 : Number(role.slice(-1));
  return { token: accessToken, idToken, agentId: claims.sub, role, roles, level, expiresAt: (claims.exp || 0) * 1000 };
}

/**
 * When the provider has just sent the agent back (?code=…&state=…), trades the code for tokens and
 * returns the new session, the address bar cleaned; null when this page load is not a sign-in's return.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("code") && !params.has("error")) return null;
  const pending = drafts.read(PENDING_KEY);
  drafts.remove(PENDING_KEY);
  window.history.replaceState(null, "", `/console/${pending?.hash || ""}`);
  if (params.has("error")) {
    throw new SignInError(params.get("error") === "access_denied" ? "Connexion refusée." : `Connexion impossible (${params.get("error")}).`);
  }
  if (!pending || pending.state !== params.get("state")) {
    throw new SignInError("Cette connexion n'a pas été demandée depuis cet onglet. Reconnectez-vous.");
  }
  const config = await discovery();
  let response;
  try {
    response = await fetch(config.token_endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: params.get("code"),
        redirect_uri: redirectUri(),
        client_id: identityClientId(),
        code_verifier: pending.verifier,
      }),
      cache: "no-store",
      credentials: "omit",
    });
  } catch (e) {
    throw new SignInError("Le service de connexion ne répond pas. Réessayez dans un instant.");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new SignInError(`Connexion refusée par le service de connexion (${body.error || response.status}). Reconnectez-vous.`);
  }
  return sessionOf(body.access_token, body.id_token);
}

/** Ends the agent's session on the provider too (a shared desk), back to the console's sign-in. */
export async function signOutAtProvider(idToken) {
  try {
    const config = await discovery();
    if (config.end_session_endpoint && idToken) {
      const query = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: redirectUri(), client_id: identityClientId() });
      window.location.assign(`${config.end_session_endpoint}?${query}`);
      return true;
    }
  } catch (e) {
    // the provider is away: the console's session is gone all the same
  }
  return false;
}

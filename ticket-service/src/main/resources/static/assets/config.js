/**
 * Where the pages find intake-service (which takes requests and ratings). ticket-service serves the
 * pages and the tracking API on its own origin; intake-service is another origin that allows this
 * one (CORS). Set window.NUMI_INTAKE_URL in assets/settings.js to change it; no query parameter can
 * change it, so that nobody can send a link that posts a person's request elsewhere.
 */
export function intakeUrl() {
  const configured = typeof window.NUMI_INTAKE_URL === "string" ? window.NUMI_INTAKE_URL.trim() : "";
  const base = configured || `${window.location.protocol}//${window.location.hostname}:8080`;
  return base.replace(/\/+$/, "");
}

/**
 * The OpenID Connect provider agents sign in with (its issuer, where /.well-known/openid-configuration is).
 * Set window.NUMI_IDP_URL in assets/settings.js; left unset, the local run's provider on port 9000 of this host.
 */
export function identityUrl() {
  const configured = typeof window.NUMI_IDP_URL === "string" ? window.NUMI_IDP_URL.trim() : "";
  const base = configured || `${window.location.protocol}//${window.location.hostname}:9000`;
  return base.replace(/\/+$/, "");
}

/** The console's client id at that provider (a public client with PKCE): window.NUMI_IDP_CLIENT_ID, or numi-console. */
export function identityClientId() {
  const configured = typeof window.NUMI_IDP_CLIENT_ID === "string" ? window.NUMI_IDP_CLIENT_ID.trim() : "";
  return configured || "numi-console";
}

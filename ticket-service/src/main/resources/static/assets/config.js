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

/*
 * Deployment settings of numi's pages. This file is meant to be replaced, not edited: put your own
 * copy in a folder and start ticket-service with
 *   SPRING_WEB_RESOURCES_STATIC_LOCATIONS=file:/etc/numi/web/,classpath:/static/
 * where /etc/numi/web/assets/settings.js sets, for instance:
 *   window.NUMI_INTAKE_URL = "https://aide.example.org";
 *   window.NUMI_IDP_URL = "https://login.example.org/realms/numi";   // the agents' OpenID Connect issuer
 *   window.NUMI_IDP_CLIENT_ID = "numi-console";                      // a public client, PKCE, redirect .../console/
 * Left unset, the pages post requests to the same host on port 8080 and agents sign in on the same host
 * on port 9000 (the local run).
 */
window.NUMI_INTAKE_URL = window.NUMI_INTAKE_URL || null;
window.NUMI_IDP_URL = window.NUMI_IDP_URL || null;
window.NUMI_IDP_CLIENT_ID = window.NUMI_IDP_CLIENT_ID || null;

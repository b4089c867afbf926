/*
 * Deployment settings of numi's pages. This file is meant to be replaced, not edited: put your own
 * copy in a folder and start ticket-service with
 *   SPRING_WEB_RESOURCES_STATIC_LOCATIONS=file:/etc/numi/web/,classpath:/static/
 * where /etc/numi/web/assets/settings.js sets, for instance:
 *   window.NUMI_INTAKE_URL = "https://aide.example.org";
 * Left unset, the pages post requests to the same host on port 8080 (the local run).
 */
window.NUMI_INTAKE_URL = window.NUMI_INTAKE_URL || null;

#!/usr/bin/env bash
# Prints an access token of a demo agent of the local identity provider, signing in the way the console
# does: the authorization-code flow with PKCE, on the provider's own login page. For scripts and the
# README's curl examples:
#
#   JWT=$(deploy/local/agent-token.sh l3)
#   curl -H "Authorization: Bearer $JWT" http://127.0.0.1:8082/api/v1/agent/queues/3/next ...
#
#   ROLE  l1 (padawan), l2 (jedi), l3 (maitre), supervisor (superviseur) or dpo (dpo)
#
# Environment: NUMI_IDP_URL (default http://127.0.0.1:${NUMI_IDP_PORT:-9000}), NUMI_IDP_DEMO_PASSWORD (default: the
# one numi-local.sh generated in .numi-local/secrets.env). Needs curl and openssl.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fail() { printf 'agent-token: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  l1) USERNAME=padawan ;;
  l2) USERNAME=jedi ;;
  l3) USERNAME=maitre ;;
  supervisor) USERNAME=superviseur ;;
  dpo) USERNAME=dpo ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

command -v curl >/dev/null || fail "curl is not on the PATH"
command -v openssl >/dev/null || fail "openssl is not on the PATH (apt-get install openssl)"
ISSUER="${NUMI_IDP_URL:-http://127.0.0.1:${NUMI_IDP_PORT:-9000}}"
if [[ -z "${NUMI_IDP_DEMO_PASSWORD:-}" && -f "$ROOT/.numi-local/secrets.env" ]]; then
  # shellcheck disable=SC1091
  source "$ROOT/.numi-local/secrets.env"
fi
[[ -n "${NUMI_IDP_DEMO_PASSWORD:-}" ]] || fail "NUMI_IDP_DEMO_PASSWORD is not set and .numi-local/secrets.env has none: start numi with deploy/local/numi-local.sh first"

CLIENT=numi-cli
REDIRECT=http://127.0.0.1/numi-cli/callback
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
VERIFIER="$(openssl rand 32 | b64url)"
CHALLENGE="$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | b64url)"
STATE="$(openssl rand 16 | b64url)"
JAR="$(mktemp)"
trap 'rm -f "$JAR"' EXIT
http() { curl -sS --max-time 10 -c "$JAR" -b "$JAR" "$@"; }

# 1. The authorization request: not signed in yet, the provider keeps it and sends us to its login page.
http -o /dev/null "$ISSUER/oauth2/authorize?response_type=code&client_id=$CLIENT&scope=openid&state=$STATE&redirect_uri=$REDIRECT&code_challenge=$CHALLENGE&code_challenge_method=S256" \
  || fail "no identity provider answers at $ISSUER (is numi running? deploy/local/numi-local.sh status)"
# 2. The login form, with its CSRF token; 3. the demo agent signs in.
CSRF="$(http "$ISSUER/login" | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n 1)"
[[ -n "$CSRF" ]] || fail "the login page of $ISSUER has no CSRF field"
NEXT="$(http -o /dev/null -w '%{redirect_url}' --data-urlencode "username=$USERNAME" --data-urlencode "password=$NUMI_IDP_DEMO_PASSWORD" \
  --data-urlencode "_csrf=$CSRF" "$ISSUER/login")"
[[ "$NEXT" == *"/login?error"* || -z "$NEXT" ]] && fail "$USERNAME could not sign in at $ISSUER (wrong NUMI_IDP_DEMO_PASSWORD?)"
# 4. Back to the authorization request, which now answers with the code on the redirect address.
CALLBACK="$(http -o /dev/null -w '%{redirect_url}' "$NEXT")"
[[ "$CALLBACK" == "$REDIRECT?"* ]] || fail "no authorization code from $ISSUER (got: ${CALLBACK:-nothing})"
[[ "$CALLBACK" == *"state=$STATE"* ]] || fail "the authorization answer does not carry our state"
CODE="$(printf '%s' "$CALLBACK" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')"
[[ -n "$CODE" ]] || fail "no authorization code from $ISSUER (got: $CALLBACK)"
# 5. The code and the PKCE verifier for the tokens.
TOKENS="$(http --data-urlencode grant_type=authorization_code --data-urlencode "client_id=$CLIENT" --data-urlencode "code=$CODE" \
  --data-urlencode "redirect_uri=$REDIRECT" --data-urlencode "code_verifier=$VERIFIER" "$ISSUER/oauth2/token")"
ACCESS="$(printf '%s' "$TOKENS" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[[ -n "$ACCESS" ]] || fail "the token endpoint of $ISSUER refused the code: $TOKENS"
printf '%s\n' "$ACCESS"

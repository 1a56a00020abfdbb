#!/usr/bin/env bash
# A narrated walk through the users' story, in about a minute:
#   login → call → access token expires → refresh → revoke → old token still accepted until it
#   expires (the revocation window, counted down) → rejected; refresh refused at once.
#
# By default it starts both services from the built jars on spare ports, with a short access-token
# lifetime (DEMO_TTL, 15 s) and no clock-skew allowance, in a throw-away data directory, and stops
# them at the end. To narrate against services you already run, set DEMO_AUTH_URL and
# DEMO_RESOURCE_URL (their access-token lifetime then decides how long the waits are).
# Needs curl and jq; SKIP_BUILD=1 reuses the jars.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=deploy/extract.sh
. deploy/extract.sh
# shellcheck source=deploy/free-port.sh
. deploy/free-port.sh

TTL="${DEMO_TTL:-15}"
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }

if [ -t 1 ]; then TTY=1; else TTY=0; fi
bold() { if [ "$TTY" = 1 ]; then printf '\n\033[1m== %s\033[0m\n' "$*"; else printf '\n== %s\n' "$*"; fi; }
say() { printf '   %s\n' "$*"; }
show() { printf '   $ %s\n' "$*"; }

pids=()
workdir=""
cleanup() {
  if [ ${#pids[@]} -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; fi
  if [ -n "$workdir" ]; then rm -rf "$workdir"; fi
}
trap cleanup EXIT INT TERM

await() { # url pid name
  for _ in $(seq 1 360); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 failed to start:" >&2; tail -n 20 "$workdir/$3.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$3 did not start within 180 s" >&2; exit 1
}

if [ -n "${DEMO_AUTH_URL:-}" ]; then
  AUTH="$DEMO_AUTH_URL"; RES="${DEMO_RESOURCE_URL:?set DEMO_RESOURCE_URL too}"
else
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "Building (mvn -B -q -DskipTests package)..."
    mvn -B -q -Dstyle.color=never -DskipTests package 2>&1 | sed "s/\x1b\[[0-9;]*m//g"
  fi
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 2p)
  workdir=$(mktemp -d)
  auth_port=$(free_port); res_port=$(free_port "$auth_port")
  AUTH="http://127.0.0.1:$auth_port"; RES="http://127.0.0.1:$res_port"
  auth_jar=$(extract_jar "auth-server/target/auth-server-$version-exec.jar" "$workdir/auth-server")
  resource_jar=$(extract_jar "resource-service/target/resource-service-$version-exec.jar" "$workdir/resource-service")
  java @auth-server/jvm.options -jar "$auth_jar" --server.port="$auth_port" --management.server.port=0 \
    --auth.data-dir="$workdir/data" --auth.access-token-ttl="PT${TTL}S" >"$workdir/auth-server.log" 2>&1 &
  pids+=($!)
  java @resource-service/jvm.options -jar "$resource_jar" --server.port="$res_port" --management.server.port=0 \
    --resource.jwks-uri="$AUTH/.well-known/jwks.json" --resource.clock-skew=PT0S >"$workdir/resource-service.log" 2>&1 &
  pids+=($!)
  await "$AUTH/.well-known/jwks.json" "${pids[0]}" auth-server
  await "$RES/api/public/ping" "${pids[1]}" resource-service
  say "auth-server on $AUTH, resource-service on $RES, access tokens live ${TTL} s, no clock skew"
fi

login() { curl -s -X POST "$AUTH/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}"; }
admin_login() { curl -s -X POST "$AUTH/auth/login" -H 'Content-Type: application/json' -d '{"username":"admin","password":"admin-password","scope":"admin"}'; }
refresh() { curl -s -X POST "$AUTH/auth/refresh" -H 'Content-Type: application/json' -d "{\"refresh_token\":\"$1\"}"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$RES/api/me" -H "Authorization: Bearer $1"; }
challenge() { curl -s -D - -o /dev/null "$RES/api/me" -H "Authorization: Bearer $1" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p'; }
expires_in() { curl -s "$RES/api/me" -H "Authorization: Bearer $1" | jq -r '.expires_in // empty'; }
wait_out() { # token label: count down the token's remaining lifetime as the resource service reports it
  local left
  while left=$(expires_in "$1") && [ -n "$left" ]; do
    if [ "$TTY" = 1 ]; then
      printf '\r   %s: still accepted, expires_in=%3ss ' "$2" "$left"
    elif [ $((left % 5)) = 0 ]; then  # a log gets a line every 5 s instead of a live counter
      printf '   %s: still accepted, expires_in=%ss\n' "$2" "$left"
    fi
    sleep 1
  done
  if [ "$TTY" = 1 ]; then printf '\r'; fi
  printf '   %s: no longer accepted                 \n' "$2"
}

bold "1. alice logs in"
show "curl -X POST $AUTH/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"alice\",\"password\":\"alice-password\"}'"
LOGIN=$(login alice alice-password)
echo "$LOGIN" | jq -c '{token_type, expires_in, refresh_expires_in, access_token: (.access_token[0:24] + "…"), refresh_token: (.refresh_token[0:8] + "…")}' | sed 's/^/   /'
ACCESS=$(echo "$LOGIN" | jq -r .access_token); REFRESH=$(echo "$LOGIN" | jq -r .refresh_token)

bold "2. she calls the resource service with the access token (validated offline)"
show "curl $RES/api/me -H 'Authorization: Bearer …'"
curl -s "$RES/api/me" -H "Authorization: Bearer $ACCESS" | jq -c '{username, roles, expires_in}' | sed 's/^/   /'
say "and the admin endpoint: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$RES/api/admin/stats" -H "Authorization: Bearer $ACCESS") ($(curl -s -D - -o /dev/null "$RES/api/admin/stats" -H "Authorization: Bearer $ACCESS" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: Bearer \(error="[^"]*"\).*/\1/p'))"

bold "3. the access token expires"
wait_out "$ACCESS" "alice's token"
say "HTTP $(status_of "$ACCESS"), WWW-Authenticate: $(challenge "$ACCESS" | sed "s/, error_uri=.*//")"

bold "4. she refreshes: a new access token, and the refresh token is rotated"
REFRESHED=$(refresh "$REFRESH")
ACCESS=$(echo "$REFRESHED" | jq -r .access_token); NEW_REFRESH=$(echo "$REFRESHED" | jq -r .refresh_token)
say "new access token: HTTP $(status_of "$ACCESS") on /api/me; new refresh token differs from the old: $([ "$NEW_REFRESH" != "$REFRESH" ] && echo yes || echo NO)"
REFRESH=$NEW_REFRESH

bold "5. an admin revokes alice"
# A token for the admin API (audience: the auth server's admin API) comes from a login with scope admin.
show "curl -X POST $AUTH/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"admin\",\"password\":\"admin-password\",\"scope\":\"admin\"}'"
ADMIN=$(admin_login | jq -r .access_token)
show "curl -X POST $AUTH/admin/users/alice/revoke -H 'Authorization: Bearer <admin>'"
curl -s -X POST "$AUTH/admin/users/alice/revoke" -H "Authorization: Bearer $ADMIN" \
  | jq -c '{enabled, refresh_tokens_revoked, access_tokens_valid_until, revocation_window_seconds}' | sed 's/^/   /'

bold "6. refresh is refused at once..."
refresh "$REFRESH" | jq -c . | sed 's/^/   /'
say "...and so is a new login: $(login alice alice-password | jq -r .error)"

bold "7. ...but the access token she already holds works until it expires: the revocation window"
wait_out "$ACCESS" "alice's last token"
say "HTTP $(status_of "$ACCESS"): the window is over"

bold "8. the admin re-enables alice, and she can log in again"
ADMIN=$(admin_login | jq -r .access_token)
curl -s -o /dev/null -X POST "$AUTH/admin/users/alice/enable" -H "Authorization: Bearer $ADMIN"
say "login: $(login alice alice-password | jq -c '{token_type, expires_in}')"
echo

#!/usr/bin/env bash
# Checks deploy/nginx/nginx.conf without Docker: runs nginx on loopback in front of two auth-server
# jars that share one PostgreSQL database and one master key (data directories of their own), and walks through what the
# compose topology promises. Needs nginx, curl, jq, psql, the built jar
# (mvn -B -DskipTests package) and a PostgreSQL role with CREATEDB, given as for the tests:
#
#   JWTAUTH_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/jwtauth \
#   JWTAUTH_TEST_POSTGRES_USER=jwtauth JWTAUTH_TEST_POSTGRES_PASSWORD=... deploy/nginx/check.sh
#
# Creates a throw-away database and directory, and removes them and stops what it started at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${JWTAUTH_TEST_POSTGRES_URL:?set JWTAUTH_TEST_POSTGRES_URL (see README, Testing on PostgreSQL)}"
: "${JWTAUTH_TEST_POSTGRES_USER:?set JWTAUTH_TEST_POSTGRES_USER}"
: "${JWTAUTH_TEST_POSTGRES_PASSWORD:?set JWTAUTH_TEST_POSTGRES_PASSWORD}"
for tool in nginx curl jq psql java; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
jars=(auth-server/target/auth-server-*-exec.jar)
jar=${jars[0]}
[ -f "$jar" ] || { echo "build the jar first: mvn -B -DskipTests package" >&2; exit 1; }

# host:port of the admin URL, and a database of our own next to it
hostport=${JWTAUTH_TEST_POSTGRES_URL#jdbc:postgresql://}
hostport=${hostport%%/*}
host=${hostport%:*}
pgport=${hostport##*:}
[ "$pgport" != "$hostport" ] || pgport=5432
db="jwtauth_nginx_check_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
export PGPASSWORD=$JWTAUTH_TEST_POSTGRES_PASSWORD
admin_db=${JWTAUTH_TEST_POSTGRES_URL##*/}
admin_db=${admin_db%%\?*}
psql_admin() { psql -X -q -h "$host" -p "$pgport" -U "$JWTAUTH_TEST_POSTGRES_USER" -d "$admin_db" "$@"; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  if [ "${keep_logs:-0}" = 1 ]; then echo "logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
psql_admin -c "CREATE DATABASE $db"

# shellcheck source=deploy/free-port.sh
. deploy/free-port.sh
lb=$(free_port); port_a=$(free_port "$lb"); port_b=$(free_port "$lb" "$port_a")
master_key=$(head -c 32 /dev/urandom | base64)   # as compose passes AUTH_KEYS_MASTER_KEY to both replicas

start_replica() {   # name port
  SPRING_DATASOURCE_URL="jdbc:postgresql://$host:$pgport/$db" \
  SPRING_DATASOURCE_USERNAME=$JWTAUTH_TEST_POSTGRES_USER SPRING_DATASOURCE_PASSWORD=$JWTAUTH_TEST_POSTGRES_PASSWORD \
  SERVER_FORWARD_HEADERS_STRATEGY=native AUTH_DATA_DIR="$work/data-$1" AUTH_KEYS_MASTER_KEY="$master_key" SERVER_PORT=$2 MANAGEMENT_SERVER_PORT=0 AUTH_BCRYPT_STRENGTH=4 \
    java @auth-server/jvm.options -jar "$jar" >"$work/$1.log" 2>&1 &
  pids+=($!)
  eval "pid_$1=$!"
}
await_health() {   # port
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return
    sleep 1
  done
  echo "auth server on :$1 did not start" >&2; keep_logs=1; exit 1
}
# One after the other, as compose would start them on an empty database the first time.
start_replica a "$port_a"; await_health "$port_a"
start_replica b "$port_b"; await_health "$port_b"

sed -e "s/auth-server-1:9000/127.0.0.1:$port_a/" -e "s/auth-server-2:9000/127.0.0.1:$port_b/" \
    -e "s/listen 9000;/listen 127.0.0.1:$lb;/" -e "s#pid /tmp/nginx.pid;#pid $work/nginx.pid;#" \
    deploy/nginx/nginx.conf >"$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf" -e /dev/stderr
nginx -c "$work/nginx.conf" -e /dev/stderr -g 'daemon off;' >"$work/nginx.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 20); do curl -sf "http://127.0.0.1:$lb/readyz" >/dev/null && break; sleep 0.5; done

failures=0
check() {   # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
post() {   # url json [extra curl args...] -> body, then the status on the last line
  local url=$1 body=$2; shift 2
  curl -s -X POST "$url" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}' "$@"
}
status() { tail -n 1 <<<"$1"; }
body() { sed '$d' <<<"$1"; }
LB="http://127.0.0.1:$lb"
credentials() { printf '{"username":"%s","password":"%s"}' "$1" "$2"; }

# 1. A session through the proxy: round robin spreads the refreshes over both replicas.
r=$(post "$LB/auth/login" "$(credentials alice alice-password)")
check "login through nginx" test "$(status "$r")" = 200
refresh=$(body "$r" | jq -r .refresh_token)
ok=0
for _ in 1 2 3 4; do
  r=$(post "$LB/auth/refresh" "{\"refresh_token\":\"$refresh\"}")
  [ "$(status "$r")" = 200 ] && ok=$((ok + 1))
  refresh=$(body "$r" | jq -r .refresh_token)
done
check "4 refreshes in a row through nginx" test "$ok" = 4
check "both replicas served refreshes (not sticky)" \
  test "$(grep -c event=refresh_success "$work/a.log")" -ge 1 -a "$(grep -c event=refresh_success "$work/b.log")" -ge 1
check "both replicas publish the same JWKS" \
  test "$(curl -s "http://127.0.0.1:$port_a/.well-known/jwks.json")" = "$(curl -s "http://127.0.0.1:$port_b/.well-known/jwks.json")"

# 2. A revoke through one replica refuses the refresh through the proxy, on whichever replica.
# (a token for the admin API: the admin's login with scope admin)
admin=$(body "$(post "$LB/auth/login" '{"username":"admin","password":"admin-password","scope":"admin"}')" | jq -r .access_token)
r=$(post "$LB/admin/users/alice/revoke" '' -H "Authorization: Bearer $admin")
check "revoke through nginx" test "$(status "$r")" = 200
refused=0
for _ in 1 2; do
  r=$(post "$LB/auth/refresh" "{\"refresh_token\":\"$refresh\"}")
  [ "$(body "$r" | jq -r .error)" = invalid_grant ] && refused=$((refused + 1))
done
check "refresh refused on both replicas after the revoke" test "$refused" = 2

# 3. A forged X-Forwarded-For does not get through: the replicas see the address nginx saw.
for _ in 1 2 3 4 5; do
  post "$LB/auth/login" "$(credentials forger wrong-password)" -H 'X-Forwarded-For: 203.0.113.9' >/dev/null
done
check "a forged X-Forwarded-For is replaced by nginx" \
  grep -q "event=login_locked user=forger address=127.0.0.1 " "$work/a.log" "$work/b.log"
for _ in 1 2 3 4 5; do
  post "http://127.0.0.1:$port_a/auth/login" "$(credentials direct wrong-password)" -H 'X-Forwarded-For: 203.0.113.9' >/dev/null
done
check "the replicas do take the client address from a proxy's X-Forwarded-For" \
  grep -q "event=login_locked user=direct address=203.0.113.9 " "$work/a.log"

# 4. Oversized bodies get the auth server's own JSON 413, not an nginx page.
r=$(post "$LB/auth/login" "{\"username\":\"$(head -c 20000 /dev/zero | tr '\0' a)\"}")
check "oversized body: the auth server's JSON 413" \
  test "$(status "$r")" = 413 -a "$(body "$r" | jq -r .error)" = invalid_request

# 5. One replica down: every request still succeeds. Both down: an RFC 6749 JSON 503.
kill "$pid_a"; wait "$pid_a" 2>/dev/null || true
ok=0
for _ in 1 2 3 4; do
  [ "$(status "$(post "$LB/auth/login" "$(credentials admin admin-password)")")" = 200 ] && ok=$((ok + 1))
done
check "replica A stopped: 4 of 4 logins still succeed" test "$ok" = 4
kill "$pid_b"; wait "$pid_b" 2>/dev/null || true
r=$(post "$LB/auth/login" "$(credentials admin admin-password)")
check "both replicas stopped: 503 temporarily_unavailable as JSON" \
  test "$(status "$r")" = 503 -a "$(body "$r" | jq -r .error)" = temporarily_unavailable

echo
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  keep_logs=1
  exit 1
fi
echo "nginx.conf: all checks passed"

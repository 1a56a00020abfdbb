#!/usr/bin/env bash
# The admin API's latency, for comparing auth-server jars in one run: each jar is started on a free
# loopback port with its jvm.options and a fresh data directory, warmed up, then GET /admin/keys (no
# database work of its own) and GET /admin/users (one query) are driven with wrk, in alternating
# rounds, one jar after the other. Prints p50/p99/req/s per jar, endpoint and round.
#
#   bench/admin.sh old.jar new.jar      # jars to compare (default: the one Maven builds)
#
# Settings: DURATION (s per measurement, 10), WARMUP (s, 20), ROUNDS (2), CONNECTIONS (8), THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/free-port.sh
. deploy/free-port.sh
export WRK_LUA_DIR="$PWD/bench/wrk"
DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-20}"; ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-8}"; THREADS="${THREADS:-2}"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 2p)
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=("auth-server/target/auth-server-$version-exec.jar")
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

measure() { # label path token
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wrk/static.lua -H "Authorization: Bearer $3" \
    "http://127.0.0.1:$port$2" | sed -n "s|^BENCH_RESULT|$1|p"
}

for round in $(seq 1 "$ROUNDS"); do
  for jar in "${jars[@]}"; do
    port=$(free_port)
    rm -rf "$work/data"
    java -Xmx256m @auth-server/jvm.options -jar "$jar" --server.port="$port" --management.server.port=0 \
      --auth.data-dir="$work/data" >"$work/auth.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 360); do curl -fs -o /dev/null "http://127.0.0.1:$port/.well-known/jwks.json" && break; sleep 0.5; done
    # "scope":"admin" gives an admin token; a jar from before admin tokens ignores the field.
    token=$(curl -s -X POST "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' \
      -d '{"username":"admin","password":"admin-password","scope":"admin"}' | jq -r .access_token)
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/admin/keys" -H "Authorization: Bearer $token")" = 200 ] \
      || { echo "no admin access with $jar" >&2; tail -20 "$work/auth.log" >&2; exit 1; }
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/wrk/static.lua -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/admin/keys" >/dev/null
    measure "round=$round jar=$jar GET /admin/keys" /admin/keys "$token"
    measure "round=$round jar=$jar GET /admin/users" /admin/users "$token"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done

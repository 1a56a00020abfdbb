#!/usr/bin/env bash
# Load harness: starts auth-server and resource-service from their runnable jars on free loopback
# ports (never 9000/8081, so it runs beside ./run.sh), each with -Xmx256m, its <service>/jvm.options and a
# fresh temporary data directory, drives them with wrk and prints:
#   1. start-up time of each service (launch -> first 200, and Spring's "Started ... in X seconds"),
#      in the three forms it is started in: the exec jar (`java -jar`), Spring Boot's extracted layout
#      (deploy/extract.sh, as ./run.sh starts it) and that layout with an AppCDS archive, the way the
#      Docker images start (bench/appcds.sh); the AppCDS-started instances are the ones that take the load;
#   2. resource-service: req/s, p50, p99 of GET /api/public/ping (no token), of the same ping carrying
#      an unread header as long as the bearer one (what carrying the token's bytes costs, before
#      anything reads it) and of GET /api/hello (with a bearer token), measured in alternating rounds,
#      and the ratios (the median of the rounds');
#   3. auth-server: refreshes/s (rotating: each thread chains its own refresh tokens), logins/s
#      (BCrypt-bound by design), JWKS documents/s;
#   4. resident memory and heap of each service after the load;
# and a Markdown summary for BENCHMARKS.md. Both services are stopped at the end, even on failure.
#
#   bench/run.sh                      # DURATION=15, WARMUP=30: about 5 minutes plus the build
#   DURATION=3 WARMUP=2 bench/run.sh  # smoke run
#
# Settings (environment): DURATION (s per measurement, 15; the resource service's three are split
# into ROUNDS alternating rounds, 5), WARMUP (s of warm-up before each, 30: on
# two cores the JIT needs 25-30 s under load to reach steady state, see BENCHMARKS.md, third pass),
# THREADS / CONNECTIONS (wrk for ping, hello, JWKS: 2 / 32), REFRESH_CLIENTS (wrk threads =
# connections for refresh: 8), LOGIN_CONNECTIONS (4), SKIP_BUILD=1 (reuse the jars), BENCH_OUT (where
# logs and the summary go; default bench/results/run-<timestamp>), AUTH_PORT / RESOURCE_PORT (default:
# free ports), BENCH_JAVA_OPTS (extra JVM options for both services), SPRING_DATASOURCE_URL / _USERNAME /
# _PASSWORD (the auth server's database, e.g. PostgreSQL; default: H2 in the fresh data directory).
# BENCH_JAVA_OPTS come after jvm.options and so override it, e.g. '-XX:-UseParallelGC -XX:+UseG1GC'.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=bench/appcds.sh
. bench/appcds.sh
# shellcheck source=deploy/free-port.sh
. deploy/free-port.sh

DURATION="${DURATION:-15}"
ROUNDS="${ROUNDS:-5}"
WARMUP="${WARMUP:-30}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
REFRESH_CLIENTS="${REFRESH_CLIENTS:-8}"
LOGIN_CONNECTIONS="${LOGIN_CONNECTIONS:-4}"
LOGIN_THREADS=$(( THREADS < LOGIN_CONNECTIONS ? THREADS : LOGIN_CONNECTIONS ))
HEAP_MAX="256m"
LOGIN_BODY='{"username":"alice","password":"alice-password"}'
COMMAND="DURATION=$DURATION ROUNDS=$ROUNDS WARMUP=$WARMUP THREADS=$THREADS CONNECTIONS=$CONNECTIONS REFRESH_CLIENTS=$REFRESH_CLIENTS LOGIN_CONNECTIONS=$LOGIN_CONNECTIONS bench/run.sh"
# SERVER_PORT would apply to both services; each gets its own port on the command line anyway.
unset SERVER_PORT WRK_METHOD WRK_BODY

log() { printf '\n== %s\n' "$*"; }
die() { echo "bench/run.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites and build
apt_install() {
  echo "Installing $* with apt-get..."
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null; fi
}
command -v java >/dev/null || die "Java 17 is needed (apt-get install openjdk-17-jdk-headless)"
command -v curl >/dev/null || apt_install curl
command -v wrk >/dev/null || apt_install wrk
command -v jq >/dev/null || apt_install jq
command -v jcmd >/dev/null || echo "jcmd not found (a JRE without the JDK tools?): heap figures will be n/a" >&2

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || die "Maven is needed (apt-get install maven)"
  log "Building (mvn -B -q -Dstyle.color=never -DskipTests package)"
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

# The project version, as ./run.sh derives it: the <version> right after the parent's artifactId.
version=$(awk '/<artifactId>jwt-auth-parent<\/artifactId>/ { f = 1; next }
               f && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' pom.xml)
[ -n "$version" ] || version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 2p)
AUTH_JAR="auth-server/target/auth-server-${version}-exec.jar"
RESOURCE_JAR="resource-service/target/resource-service-${version}-exec.jar"
for jar in "$AUTH_JAR" "$RESOURCE_JAR"; do
  [ -f "$jar" ] || die "$jar is missing; run without SKIP_BUILD=1"
done

# ---------------------------------------------------------------- ports, directories, clean-up
AUTH_PORT="${AUTH_PORT:-$(free_port)}"
RESOURCE_PORT="${RESOURCE_PORT:-$(free_port "$AUTH_PORT")}"
for p in "$AUTH_PORT" "$RESOURCE_PORT"; do
  port_in_use "$p" && die "port $p is in use"
done
AUTH="http://127.0.0.1:${AUTH_PORT}"
RESOURCE="http://127.0.0.1:${RESOURCE_PORT}"
ISSUER="http://127.0.0.1:${AUTH_PORT}"

OUT="${BENCH_OUT:-bench/results/run-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
DATA=$(mktemp -d "${TMPDIR:-/tmp}/jwt-bench-data.XXXXXX")

AUTH_PID=""
RESOURCE_PID=""
SERVICE_PIDS=()   # every service launched, recorded at once so that clean-up never misses one
stop_pid() { # pid: TERM, up to 15 s for a graceful stop, then KILL
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i
  if [ "${#SERVICE_PIDS[@]}" -gt 0 ]; then
    echo
    echo "Stopping the services (pids ${SERVICE_PIDS[*]})..."
  fi
  for (( i = ${#SERVICE_PIDS[@]} - 1; i >= 0; i-- )); do
    stop_pid "${SERVICE_PIDS[$i]}"
  done
  rm -rf "$DATA"
  [ "$rc" = 0 ] || echo "bench/run.sh failed (exit $rc); logs in $OUT" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

curl_() { curl -sS --noproxy '*' --max-time 30 "$@"; }

# ---------------------------------------------------------------- 1. start-up
STARTED_PID=""; STARTUP_MS=""; STARTED_IN=""
start_service() { # name url-to-poll jvm-options-file java-args...
  local name=$1 url=$2 options=$3 logfile="$OUT/$1.log"
  shift 3
  local t0 now code
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java -Xmx"$HEAP_MAX" @"$options" ${BENCH_JAVA_OPTS:-} "$@" >"$logfile" 2>&1 &
  STARTED_PID=$!
  SERVICE_PIDS+=("$STARTED_PID")
  while :; do
    code=$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$STARTED_PID" 2>/dev/null; then
      tail -n 40 "$logfile" >&2
      die "$name exited during start-up; see $logfile"
    fi
    now=$(date +%s%N)
    if (( (now - t0) / 1000000 > 90000 )); then
      tail -n 40 "$logfile" >&2
      die "$name did not answer 200 on $url within 90 s; see $logfile"
    fi
    sleep 0.05
  done
  now=$(date +%s%N)
  STARTUP_MS=$(( (now - t0) / 1000000 ))
  # "Started AuthServerApplication in 3.456 seconds (process running for 4.012)". Spring logs it only
  # once the whole start-up is done: with a separate management port (management.server.port), its
  # child context and second Tomcat start after the public port already answers, so the line can
  # come a few hundred ms after the first 200. Wait for it (up to 30 s) instead of reading too early.
  local started="" pattern='Started [A-Za-z0-9_$]* in [0-9.]* seconds (process running for [0-9.]*)'
  for _ in $(seq 1 300); do
    started=$(grep -m1 -o "$pattern" "$logfile" || true)
    [ -n "$started" ] && break
    kill -0 "$STARTED_PID" 2>/dev/null || break
    sleep 0.1
  done
  STARTED_IN=$(sed -n 's/.* in \([0-9.]*\) seconds.*/\1/p' <<<"$started")
  echo "$name: pid $STARTED_PID, first 200 on $url after ${STARTUP_MS} ms; log: \"${started:-no Started line found}\""
}

AUTH_ARGS=(--server.address=127.0.0.1 --server.port="$AUTH_PORT" --management.server.port=0
  --auth.access-token-ttl=PT1H --auth.issuer="$ISSUER" --auth.seed.enabled=true)
RESOURCE_ARGS=(--server.address=127.0.0.1 --server.port="$RESOURCE_PORT" --management.server.port=0
  --resource.jwks-uri="$AUTH/.well-known/jwks.json" --resource.issuer="$ISSUER")

# measure_startup <form> <auth jar> <resource jar>: starts the auth server (a fresh data directory)
# and then the resource service, records their start-up as AUTH_<FORM>_MS, AUTH_<FORM>_STARTED_IN,
# RESOURCE_<FORM>_MS and RESOURCE_<FORM>_STARTED_IN, and stops both.
measure_startup() {
  local form=$1 auth_pid upper
  upper=$(printf '%s' "$form" | tr '[:lower:]' '[:upper:]')
  start_service "auth-server-$form" "$AUTH/.well-known/jwks.json" auth-server/jvm.options \
    -jar "$2" "${AUTH_ARGS[@]}" --auth.data-dir="$DATA/$form"
  auth_pid=$STARTED_PID
  printf -v "AUTH_${upper}_MS" '%s' "$STARTUP_MS"; printf -v "AUTH_${upper}_STARTED_IN" '%s' "$STARTED_IN"
  start_service "resource-service-$form" "$RESOURCE/api/public/ping" resource-service/jvm.options \
    -jar "$3" "${RESOURCE_ARGS[@]}"
  printf -v "RESOURCE_${upper}_MS" '%s' "$STARTUP_MS"; printf -v "RESOURCE_${upper}_STARTED_IN" '%s' "$STARTED_IN"
  stop_pid "$STARTED_PID"
  stop_pid "$auth_pid"
}

log "Start-up of the exec jar (java -Xmx$HEAP_MAX @<service>/jvm.options -jar <exec jar>; a fresh data directory)"
measure_startup jar "$AUTH_JAR" "$RESOURCE_JAR"

log "Extracted layout and AppCDS archives (bench/appcds.sh: extract the jar, one training start; as the Dockerfiles build them)"
# shellcheck disable=SC2046
appcds_prepare auth-server "$AUTH_JAR" "$DATA/cds" "$OUT/auth-server-training.log" $(appcds_training_args auth-server "$DATA/cds")
AUTH_CDS_JAR=$APPCDS_JAR; AUTH_CDS_ARCHIVE=$APPCDS_ARCHIVE
# shellcheck disable=SC2046
appcds_prepare resource-service "$RESOURCE_JAR" "$DATA/cds" "$OUT/resource-service-training.log" $(appcds_training_args resource-service "$DATA/cds")
RESOURCE_CDS_JAR=$APPCDS_JAR; RESOURCE_CDS_ARCHIVE=$APPCDS_ARCHIVE
echo "archives: $(du -h "$AUTH_CDS_ARCHIVE" | cut -f1) (auth-server), $(du -h "$RESOURCE_CDS_ARCHIVE" | cut -f1) (resource-service)"

log "Start-up of the extracted layout, as ./run.sh starts it (java -Xmx$HEAP_MAX @<service>/jvm.options -jar <extracted jar>; a fresh data directory)"
measure_startup extracted "$AUTH_CDS_JAR" "$RESOURCE_CDS_JAR"

log "Start-up from the AppCDS archives, as the Docker images start (another fresh data directory; these instances take the load)"
start_service auth-server "$AUTH/.well-known/jwks.json" auth-server/jvm.options \
  -XX:SharedArchiveFile="$AUTH_CDS_ARCHIVE" -jar "$AUTH_CDS_JAR" "${AUTH_ARGS[@]}" --auth.data-dir="$DATA"
AUTH_PID=$STARTED_PID; AUTH_STARTUP_MS=$STARTUP_MS; AUTH_STARTED_IN=$STARTED_IN

start_service resource-service "$RESOURCE/api/public/ping" resource-service/jvm.options \
  -XX:SharedArchiveFile="$RESOURCE_CDS_ARCHIVE" -jar "$RESOURCE_CDS_JAR" "${RESOURCE_ARGS[@]}"
RESOURCE_PID=$STARTED_PID; RESOURCE_STARTUP_MS=$STARTUP_MS; RESOURCE_STARTED_IN=$STARTED_IN

# ---------------------------------------------------------------- helpers for the load phases
login() { # prints the login response; fails unless it carries tokens
  local body
  body=$(curl_ -X POST "$AUTH/auth/login" -H 'Content-Type: application/json' -d "$LOGIN_BODY")
  jq -e '.access_token and .refresh_token' >/dev/null 2>&1 <<<"$body" || die "login as alice failed: $body"
  printf '%s\n' "$body"
}
refresh_tokens_file() { # count file: one refresh token per line, each from its own login
  local i
  : >"$2"
  for i in $(seq 1 "$1"); do
    login | jq -r .refresh_token >>"$2"
  done
}

declare -A R
export WRK_LUA_DIR="$ROOT/bench/wrk"
run_wrk() { # label warm-up|measure wrk-args... ; the measured run's figures go into R[label.key]
  local label=$1 phase=$2 out
  shift 2
  local shown=() a
  for a in "$@"; do # keep the access token out of the output
    case $a in
      "Authorization: Bearer "*) shown+=("'Authorization: Bearer <access token>'") ;;
      "X-Bench-Padding: "*) shown+=("'X-Bench-Padding: <$(( ${#a} - 17 )) bytes>'") ;;
      *) shown+=("$a") ;;
    esac
  done
  if [ "$phase" = warm-up ]; then
    out="$OUT/wrk-$label-warmup.txt"
    echo "-- $label: warm-up, wrk ${shown[*]}"
  else
    out="$OUT/wrk-$label.txt"
    echo "-- $label: wrk ${shown[*]}"
  fi
  wrk "$@" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($label)"; }
  if [ "$phase" = warm-up ]; then
    grep -E '^(Requests/sec|BENCH_FIRST_ERROR)' "$out" | sed 's/^/   /' || true
    return 0
  fi
  grep -v '^BENCH_RESULT' "$out" | sed 's/^/   /'
  local line kv
  line=$(grep -m1 '^BENCH_RESULT' "$out") || die "no BENCH_RESULT line in $out"
  for kv in ${line#BENCH_RESULT }; do
    R["$label.${kv%%=*}"]=${kv#*=}
  done
}
static_wrk() { # label url threads connections [extra wrk args...]; env WRK_METHOD / WRK_BODY
  local label=$1 url=$2 t=$3 c=$4
  shift 4
  run_wrk "$label" warm-up -t"$t" -c"$c" -d"${WARMUP}s" --timeout 10s "$@" -s "$ROOT/bench/wrk/static.lua" "$url"
  run_wrk "$label" measure -t"$t" -c"$c" -d"${DURATION}s" --timeout 10s --latency "$@" -s "$ROOT/bench/wrk/static.lua" "$url"
}
fmt() { awk -v x="$1" -v d="${2:-1}" 'BEGIN { if (x == "") print "n/a"; else printf "%.*f", d, x }'; }
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.3f", a / b }'; }

# ---------------------------------------------------------------- 2. resource-service
log "resource-service: GET /api/public/ping (no token), the same with an unread header of the token's size, GET /api/hello (bearer token)"
ACCESS_TOKEN=$(login | jq -r .access_token)
code=$(curl_ -o "$OUT/hello.json" -w '%{http_code}' "$RESOURCE/api/hello" -H "Authorization: Bearer $ACCESS_TOKEN")
[ "$code" = 200 ] || die "GET /api/hello with a fresh token answered $code: $(cat "$OUT/hello.json")"
echo "GET /api/hello with the token: $code $(cat "$OUT/hello.json")"
# The same request as the ping, plus a header exactly as long as "Authorization: Bearer <token>" that
# nothing reads: Tomcat still parses and copies every byte of it. hello against this is what checking
# the token costs; this against ping is what merely carrying it costs.
PAD_HEADER="X-Bench-Padding: $(head -c $(( ${#ACCESS_TOKEN} + 5 )) /dev/zero | tr '\0' 'a')"
declare -A RESOURCE_WRK=(
  [ping]="$RESOURCE/api/public/ping"
  [padded]="-H|$PAD_HEADER|$RESOURCE/api/public/ping"
  [hello]="-H|Authorization: Bearer $ACCESS_TOKEN|$RESOURCE/api/hello"
)
resource_wrk() { # label warm-up|measure seconds
  local args
  IFS='|' read -r -a args <<<"${RESOURCE_WRK[$1]}"
  run_wrk "$1" "$2" -t"$THREADS" -c"$CONNECTIONS" -d"$3s" --timeout 10s --latency -s "$ROOT/bench/wrk/static.lua" "${args[@]}"
}
# All three share Tomcat and Spring MVC: warm all of them up before measuring any, so no measurement
# runs on a colder JIT than another. Then ROUNDS rounds of the three, each DURATION/ROUNDS seconds,
# in a rotating order: on a shared machine the speed drifts by 10-20 % within minutes, so each
# round's ratios compare neighbours in time, and the medians of the rounds are reported.
resource_wrk hello warm-up "$WARMUP"
resource_wrk ping warm-up "$(( (WARMUP + 5) / 6 ))"
resource_wrk padded warm-up "$(( (WARMUP + 5) / 6 ))"
ROUND_SECONDS=$(( DURATION / ROUNDS > 0 ? DURATION / ROUNDS : 1 ))
order=(ping padded hello)
for r in $(seq 1 "$ROUNDS"); do
  for i in 0 1 2; do
    l=${order[$(( (i + r - 1) % 3 ))]}
    resource_wrk "$l" measure "$ROUND_SECONDS"
    for k in rps p50_ms p99_ms requests bad_status connect_err read_err write_err timeouts; do
      R["$l.$k.$r"]=${R[$l.$k]:-}
    done
  done
  echo "round $r: hello / ping $(ratio_of "${R[hello.rps.$r]}" "${R[ping.rps.$r]}"), hello / padded $(ratio_of "${R[hello.rps.$r]}" "${R[padded.rps.$r]}"), padded / ping $(ratio_of "${R[padded.rps.$r]}" "${R[ping.rps.$r]}")"
done
median_of() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }
rounds_of() { # label key [aggregate: median|sum]
  local r values=()
  for r in $(seq 1 "$ROUNDS"); do values+=("${R[$1.$2.$r]:-}"); done
  if [ "${3:-median}" = sum ]; then
    printf '%s\n' "${values[@]}" | awk '{ s += $1 } END { print s + 0 }'
  else
    echo "${values[*]}" | median_of
  fi
}
for l in ping padded hello; do
  for k in rps p50_ms p99_ms; do R["$l.$k"]=$(rounds_of "$l" "$k"); done
  for k in requests bad_status connect_err read_err write_err timeouts; do R["$l.$k"]=$(rounds_of "$l" "$k" sum); done
done
round_ratios() { # numerator denominator -> the median of the per-round ratios
  local r values=()
  for r in $(seq 1 "$ROUNDS"); do values+=("$(ratio_of "${R[$1.rps.$r]}" "${R[$2.rps.$r]}")"); done
  echo "${values[*]}" | median_of
}
all_rounds() { # numerator denominator -> the per-round ratios, for the summary
  local r values=()
  for r in $(seq 1 "$ROUNDS"); do values+=("$(ratio_of "${R[$1.rps.$r]}" "${R[$2.rps.$r]}")"); done
  echo "${values[*]}"
}

# ---------------------------------------------------------------- 3. auth-server
log "auth-server: POST /auth/refresh (rotating; $REFRESH_CLIENTS threads, one connection and one token chain each)"
export REFRESH_TOKENS_FILE="$DATA/refresh-tokens.txt"
refresh_tokens_file "$REFRESH_CLIENTS" "$REFRESH_TOKENS_FILE"
run_wrk refresh warm-up -t"$REFRESH_CLIENTS" -c"$REFRESH_CLIENTS" -d"${WARMUP}s" --timeout 10s \
  -s "$ROOT/bench/wrk/refresh.lua" "$AUTH/auth/refresh"
refresh_tokens_file "$REFRESH_CLIENTS" "$REFRESH_TOKENS_FILE"   # fresh chains for the measured run
run_wrk refresh measure -t"$REFRESH_CLIENTS" -c"$REFRESH_CLIENTS" -d"${DURATION}s" --timeout 10s --latency \
  -s "$ROOT/bench/wrk/refresh.lua" "$AUTH/auth/refresh"
rm -f "$REFRESH_TOKENS_FILE"
echo "refresh: ${R[refresh.ok]:-?} rotations OK, ${R[refresh.non200]:-?} non-200 responses (must be 0)"

log "auth-server: POST /auth/login (alice, correct password; BCrypt cost 10 per login by design)"
export WRK_METHOD=POST WRK_BODY="$LOGIN_BODY"
static_wrk login "$AUTH/auth/login" "$LOGIN_THREADS" "$LOGIN_CONNECTIONS"
unset WRK_METHOD WRK_BODY

log "auth-server: GET /.well-known/jwks.json"
static_wrk jwks "$AUTH/.well-known/jwks.json" "$THREADS" "$CONNECTIONS"

# ---------------------------------------------------------------- 4. memory
declare -A M
heap_used_mb() { # pid -> "used committed" in MB, summed over the heap lines of GC.heap_info
  timeout 30 jcmd "$1" GC.heap_info 2>/dev/null | awk '
    /Metaspace|class space/ { next }
    /total [0-9]+K, used [0-9]+K/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "total") { t += $(i + 1) + 0 }
        if ($i == "used") { u += $(i + 1) + 0 }
      }
      found = 1
    }
    END { if (found) printf "%.1f %.1f\n", u / 1024, t / 1024 }'
}
memory() { # name pid
  local name=$1 pid=$2 rss hwm heap live
  rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
  M["$name.rss"]=$rss
  M["$name.hwm"]=$hwm
  if command -v jcmd >/dev/null; then
    timeout 30 jcmd "$pid" GC.heap_info >"$OUT/$name-heap-after-load.txt" 2>&1 || true
    heap=$(heap_used_mb "$pid")
    timeout 60 jcmd "$pid" GC.run >/dev/null 2>&1 || true
    timeout 30 jcmd "$pid" GC.heap_info >"$OUT/$name-heap-after-gc.txt" 2>&1 || true
    live=$(heap_used_mb "$pid")
    M["$name.heap_used"]=${heap%% *}
    M["$name.heap_committed"]=${heap##* }
    M["$name.heap_live"]=${live%% *}
  fi
  echo "$name (pid $pid): VmRSS ${rss} MB (peak VmHWM ${hwm} MB); heap used ${M[$name.heap_used]:-n/a} MB of ${M[$name.heap_committed]:-n/a} MB committed (max $HEAP_MAX); after a full GC ${M[$name.heap_live]:-n/a} MB"
  if [ -s "$OUT/$name-heap-after-load.txt" ]; then
    sed 's/^/   /' "$OUT/$name-heap-after-load.txt"
  fi
}
log "Memory after the load"
memory auth-server "$AUTH_PID"
memory resource-service "$RESOURCE_PID"

# ---------------------------------------------------------------- summary
ratio=$(round_ratios hello ping)
ratio_padded=$(round_ratios hello padded)
ratio_carry=$(round_ratios padded ping)
check() { # awk-condition -> PASS/FAIL
  awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL
}
verdict_ratio=$(check "${ratio:-0} >= 0.8")
verdict_refresh=$(check "${R[refresh.ok_rps]:-0} >= 1000")
verdict_non200=$(check "${R[refresh.non200]:-1} == 0 && ${R[refresh.bad_status]:-1} == 0")
verdict_start_auth=$(check "$AUTH_STARTUP_MS < 5000")
verdict_start_resource=$(check "$RESOURCE_STARTUP_MS < 5000")
verdict_extracted_auth=$(check "$AUTH_EXTRACTED_MS < 5000")
verdict_extracted_resource=$(check "$RESOURCE_EXTRACTED_MS < 5000")
verdict_heap_auth=$(check "${M[auth-server.heap_used]:-999} < 256")
verdict_heap_resource=$(check "${M[resource-service.heap_used]:-999} < 256")
errors_total=0
for l in ping padded hello refresh login jwks; do
  for k in bad_status connect_err read_err write_err timeouts; do
    errors_total=$(( errors_total + ${R[$l.$k]:-0} ))
  done
done

row() { # label endpoint connections
  local l=$1
  local rps=${R[$l.rps]:-}
  [ "$l" = refresh ] && rps=${R[$l.ok_rps]:-}
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$2" "$3" "$(fmt "$rps" 0)" \
    "$(fmt "${R[$l.p50_ms]:-}" 2)" "$(fmt "${R[$l.p99_ms]:-}" 2)" "${R[$l.requests]:-n/a}" \
    "$(( ${R[$l.bad_status]:-0} + ${R[$l.connect_err]:-0} + ${R[$l.read_err]:-0} + ${R[$l.write_err]:-0} + ${R[$l.timeouts]:-0} ))"
}

SUMMARY="$OUT/summary.md"
{
  echo "### Load test, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "- Machine: \`nproc\` = $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/^MemTotal:/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo); load average (1/5/15 min) at the start: $LOAD_AT_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Java: $(java -version 2>&1 | head -n1) ($(java -version 2>&1 | sed -n 3p)); each service \`-Xmx$HEAP_MAX\` + its jvm.options (auth-server: $(grep -v '^#' auth-server/jvm.options | xargs); resource-service: $(grep -v '^#' resource-service/jvm.options | xargs))${BENCH_JAVA_OPTS:+ + \`$BENCH_JAVA_OPTS\`}, $( [ -n "${SPRING_DATASOURCE_URL:-}" ] && echo "auth-server database \`$SPRING_DATASOURCE_URL\`" || echo "embedded H2 in a fresh directory")"
  echo "- Load generator: $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2) on the same machine (it competes with the services for the same cores)"
  echo "- Command: \`$COMMAND\` (each measurement ${DURATION} s after a ${WARMUP} s warm-up)"
  echo
  echo "| endpoint | wrk threads × connections | req/s | p50 ms | p99 ms | requests | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  echo "| *resource service: $ROUNDS alternating rounds of ${ROUND_SECONDS} s each; req/s, p50 and p99 are medians of the rounds* | | | | | | |"
  row ping "resource \`GET /api/public/ping\` (no token, baseline)" "$THREADS × $CONNECTIONS"
  row padded "resource \`GET /api/public/ping\` + an unread header of the bearer header's length" "$THREADS × $CONNECTIONS"
  row hello "resource \`GET /api/hello\` (bearer token)" "$THREADS × $CONNECTIONS"
  row refresh "auth \`POST /auth/refresh\` (rotating; req/s = successful)" "$REFRESH_CLIENTS × $REFRESH_CLIENTS"
  row login "auth \`POST /auth/login\` (BCrypt cost 10)" "$LOGIN_THREADS × $LOGIN_CONNECTIONS"
  row jwks "auth \`GET /.well-known/jwks.json\`" "$THREADS × $CONNECTIONS"
  echo
  echo "| service | start-up of the exec jar: first 200 (\"Started in\") | extracted, as ./run.sh | extracted + AppCDS, as the images | VmRSS after load (peak) | heap used after load / committed | heap after full GC |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  echo "| auth-server | ${AUTH_JAR_MS} ms (${AUTH_JAR_STARTED_IN:-n/a} s) | ${AUTH_EXTRACTED_MS} ms (${AUTH_EXTRACTED_STARTED_IN:-n/a} s) | ${AUTH_STARTUP_MS} ms (${AUTH_STARTED_IN:-n/a} s) | ${M[auth-server.rss]:-n/a} MB (${M[auth-server.hwm]:-n/a} MB) | ${M[auth-server.heap_used]:-n/a} / ${M[auth-server.heap_committed]:-n/a} MB | ${M[auth-server.heap_live]:-n/a} MB |"
  echo "| resource-service | ${RESOURCE_JAR_MS} ms (${RESOURCE_JAR_STARTED_IN:-n/a} s) | ${RESOURCE_EXTRACTED_MS} ms (${RESOURCE_EXTRACTED_STARTED_IN:-n/a} s) | ${RESOURCE_STARTUP_MS} ms (${RESOURCE_STARTED_IN:-n/a} s) | ${M[resource-service.rss]:-n/a} MB (${M[resource-service.hwm]:-n/a} MB) | ${M[resource-service.heap_used]:-n/a} / ${M[resource-service.heap_committed]:-n/a} MB | ${M[resource-service.heap_live]:-n/a} MB |"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---:|---|"
  echo "| protected / unprotected req/s ≥ 0.8 (median of the rounds' ratios: $(all_rounds hello ping)) | ${ratio:-n/a} | $verdict_ratio |"
  echo "| (information) protected / unprotected with a header of the same length ($(all_rounds hello padded)) | ${ratio_padded:-n/a} | checking the token |"
  echo "| (information) unprotected with that header / without ($(all_rounds padded ping)) | ${ratio_carry:-n/a} | carrying the token |"
  echo "| refreshes/s ≥ 1,000 | $(fmt "${R[refresh.ok_rps]:-}" 0) | $verdict_refresh |"
  echo "| refresh: non-200 responses = 0 | ${R[refresh.non200]:-n/a} | $verdict_non200 |"
  echo "| auth-server starts < 5 s (AppCDS, as the images) | ${AUTH_STARTUP_MS} ms | $verdict_start_auth |"
  echo "| resource-service starts < 5 s (AppCDS, as the images) | ${RESOURCE_STARTUP_MS} ms | $verdict_start_resource |"
  echo "| auth-server starts < 5 s (extracted, as ./run.sh) | ${AUTH_EXTRACTED_MS} ms | $verdict_extracted_auth |"
  echo "| resource-service starts < 5 s (extracted, as ./run.sh) | ${RESOURCE_EXTRACTED_MS} ms | $verdict_extracted_resource |"
  echo "| auth-server heap < 256 MB | ${M[auth-server.heap_used]:-n/a} MB | $verdict_heap_auth |"
  echo "| resource-service heap < 256 MB | ${M[resource-service.heap_used]:-n/a} MB | $verdict_heap_resource |"
  echo
  echo "Socket/status errors over all measured runs: $errors_total. Logins/s is bound by BCrypt (cost 10) by design."
} >"$SUMMARY"

log "Summary (Markdown, also in $SUMMARY)"
echo
cat "$SUMMARY"
echo
echo "Logs and raw wrk output: $OUT"

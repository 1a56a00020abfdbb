#!/usr/bin/env bash
# Start-up time of each service in the three forms it is started in: the exec jar as built
# (`java -jar`), Spring Boot's extracted layout (deploy/extract.sh; how ./run.sh and demo.sh start
# them) and the extracted layout with an AppCDS archive (class-data sharing, as Spring Boot 3.3+
# documents it and the Docker images do: record the classes of one start, start with
# -XX:SharedArchiveFile). The forms run in the same invocation, alternating, so the ratios are
# comparable even on a noisy machine.
#
#   bench/startup.sh            # 3 starts per form and service
#   RUNS=5 SKIP_BUILD=1 bench/startup.sh
#
# Time is measured from process launch until the service answers its first 200 (JWKS for the auth
# server, /api/public/ping for the resource service); each auth-server start uses an existing data
# directory (a restart, not the first start, which also creates the key and the demo users).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/appcds.sh
. bench/appcds.sh
# shellcheck source=deploy/free-port.sh
. deploy/free-port.sh

RUNS="${RUNS:-3}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building (mvn -B -q -DskipTests package)..."
  mvn -B -q -Dstyle.color=never -DskipTests package
fi
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 2p)
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM

# start_ms <ready-path> java-args... : prints ms from launch to the first 200 on ready-path
start_ms() {
  local path=$1 port t0 t1
  shift
  port=$(free_port)
  t0=$(date +%s%N)
  java -Xmx256m "$@" --server.port="$port" --management.server.port=0 >"$work/last.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port$path"; then
      t1=$(date +%s%N)
      kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
      echo $(((t1 - t0) / 1000000))
      return
    fi
    kill -0 "$pid" 2>/dev/null || { echo "start failed:" >&2; tail -n 20 "$work/last.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "no answer within 30 s" >&2; exit 1
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), nproc=$(nproc), $(java -version 2>&1 | head -n1), RUNS=$RUNS"
echo
echo "| service | exec jar (java -jar), median ms | extracted (./run.sh), median ms | extracted + AppCDS (images), median ms | extracted / exec jar | AppCDS / exec jar |"
echo "|---|---:|---:|---:|---:|---:|"
for svc in auth-server resource-service; do
  jar="$svc/target/$svc-$version-exec.jar"
  case $svc in
    auth-server) ready=/.well-known/jwks.json; args=(--auth.data-dir="$work/auth-data") ;;
    resource-service) ready=/api/public/ping; args=(--resource.jwks-uri=http://127.0.0.1:1/none) ;;
  esac
  # The extracted layout and the archive, as the Dockerfile makes them (bench/appcds.sh).
  # shellcheck disable=SC2046
  appcds_prepare "$svc" "$jar" "$work" "$work/$svc-training.log" $(appcds_training_args "$svc" "$work") || exit 1
  # A first start so that the auth server's data directory (key, users) exists for every measured start.
  start_ms "$ready" @"$svc/jvm.options" -jar "$jar" "${args[@]}" >/dev/null
  fat=(); extracted=(); cds=()
  for _ in $(seq 1 "$RUNS"); do
    fat+=("$(start_ms "$ready" @"$svc/jvm.options" -jar "$jar" "${args[@]}")")
    extracted+=("$(start_ms "$ready" @"$svc/jvm.options" -jar "$APPCDS_JAR" "${args[@]}")")
    cds+=("$(start_ms "$ready" @"$svc/jvm.options" -XX:SharedArchiveFile="$APPCDS_ARCHIVE" -jar "$APPCDS_JAR" "${args[@]}")")
  done
  f=$(echo "${fat[*]}" | median); e=$(echo "${extracted[*]}" | median); c=$(echo "${cds[*]}" | median)
  printf '| %s | %s (%s) | %s (%s) | %s (%s) | %s | %s |\n' "$svc" "$f" "${fat[*]}" "$e" "${extracted[*]}" "$c" "${cds[*]}" \
    "$(awk -v a="$e" -v b="$f" 'BEGIN { printf "%.2f", a / b }')" "$(awk -v a="$c" -v b="$f" 'BEGIN { printf "%.2f", a / b }')"
done

#!/usr/bin/env bash
# Builds both services and runs them on the embedded default (H2 file under ./data):
#   auth-server      http://localhost:9000   (AUTH_PORT to change)
#   resource-service http://localhost:8081   (RESOURCE_PORT to change)
# Any auth.* / resource.* setting can be given in its environment form, e.g.
#   AUTH_ACCESS_TOKEN_TTL=PT30S ./run.sh
# Ctrl-C stops both. SKIP_BUILD=1 reuses the jars already built; LOG_DIR (./logs) is where the logs go;
# STARTUP_TIMEOUT (180 s) is how long each service may take to start.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=deploy/extract.sh
. deploy/extract.sh

AUTH_PORT="${AUTH_PORT:-9000}"
RESOURCE_PORT="${RESOURCE_PORT:-8081}"
export RESOURCE_JWKS_URI="${RESOURCE_JWKS_URI:-http://localhost:${AUTH_PORT}/.well-known/jwks.json}"
# SERVER_PORT would apply to both services; each gets its own port below instead.
unset SERVER_PORT

command -v java >/dev/null || { echo "Java 17 is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || { echo "Maven is needed (apt-get install maven)" >&2; exit 1; }
  echo "Building (mvn -B -q -DskipTests package)..."
  mvn -B -q -Dstyle.color=never -DskipTests package 2>&1 | sed "s/\x1b\[[0-9;]*m//g"
fi

for port in "$AUTH_PORT" "$RESOURCE_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use (another ./run.sh still running?); stop it or set AUTH_PORT / RESOURCE_PORT." >&2
    exit 1
  fi
done

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 2p)
# Started from Spring Boot's extracted layout (deploy/extract.sh): the same jars, a faster start.
auth_jar=$(extract_jar "auth-server/target/auth-server-${version}-exec.jar" auth-server/target/app)
resource_jar=$(extract_jar "resource-service/target/resource-service-${version}-exec.jar" resource-service/target/app)
LOG_DIR="${LOG_DIR:-logs}"
mkdir -p "$LOG_DIR"

pids=()
stop() {
  trap - EXIT INT TERM
  echo "Stopping..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}"
wait_for() { # name url pid
  for _ in $(seq 1 $((STARTUP_TIMEOUT * 2))); do
    if curl -fs -o /dev/null "$2"; then echo "$1 is up: $2"; return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "$1 failed to start; see $LOG_DIR/$1.log" >&2; tail -n 30 "$LOG_DIR/$1.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$1 did not start within ${STARTUP_TIMEOUT} s; see $LOG_DIR/$1.log" >&2
  exit 1
}

java @auth-server/jvm.options -jar "$auth_jar" --server.port="$AUTH_PORT" >"$LOG_DIR/auth-server.log" 2>&1 &
pids+=($!)
wait_for auth-server "http://localhost:${AUTH_PORT}/.well-known/jwks.json" "${pids[0]}"

java @resource-service/jvm.options -jar "$resource_jar" --server.port="$RESOURCE_PORT" >"$LOG_DIR/resource-service.log" 2>&1 &
pids+=($!)
wait_for resource-service "http://localhost:${RESOURCE_PORT}/api/public/ping" "${pids[1]}"

echo
echo "Both services are running (logs in $LOG_DIR, data in ${AUTH_DATA_DIR:-./data}). Ctrl-C to stop."
echo "Try: curl -s -X POST localhost:${AUTH_PORT}/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"alice\",\"password\":\"alice-password\"}'"
wait

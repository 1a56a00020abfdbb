#!/usr/bin/env bash
# JMH micro-benchmarks (module benchmarks/): access-token validation, ours vs Spring's
# NimbusJwtDecoder, and jjwt sign/verify per algorithm (RS256, ES256, EdDSA).
#
#   bench/jmh.sh                                  # full run with the defaults in the classes (~3 min)
#   bench/jmh.sh -wi 1 -i 1 -w 1s -r 1s           # quick smoke run
#   bench/jmh.sh ValidationBenchmark              # one class (any JMH arguments pass through)
#
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar. JMH_RESULT=file picks where the JSON results
# go (default bench/results/jmh-<timestamp>.json). Ratios are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "Java 17 is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
if ! command -v jq >/dev/null; then
  echo "Installing jq..."
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq jq >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq jq >/dev/null; fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null || { echo "Maven is needed (apt-get install maven)" >&2; exit 1; }
  echo "Building (mvn -B -q -DskipTests -pl benchmarks -am package)..."
  mvn -B -q -Dstyle.color=never -DskipTests -pl benchmarks -am package
fi
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar is missing; run without SKIP_BUILD=1" >&2; exit 1; }

mkdir -p bench/results
result="${JMH_RESULT:-bench/results/jmh-$(date +%Y%m%d-%H%M%S).json}"

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), nproc=$(nproc), $(java -version 2>&1 | head -n1)"
echo "== java -jar $jar $* -rf json -rff $result"
java -jar "$jar" "$@" -rf json -rff "$result"
# Nothing was measured (e.g. -l or -h): no ratios to print.
[ -s "$result" ] || exit 0

# Score (ops/ms) of one benchmark, optionally for one value of the alg parameter; empty when not run.
score() { # method-suffix [alg]
  jq -r --arg m "$1" --arg a "${2:-}" '
    [ .[] | select((.benchmark | endswith("." + $m)) and ($a == "" or .params.alg == $a)) | .primaryMetric.score ]
    | first // empty' "$result"
}
ratio() { # name numerator denominator
  if [ -n "$2" ] && [ -n "$3" ]; then
    awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "  %-58s %8.3f   (%.3f / %.3f ops/ms)\n", n, a / b, a, b }'
  else
    printf "  %-58s %8s\n" "$1" "n/a (not run)"
  fi
}

ours=$(score ValidationBenchmark.accessTokenValidator)
adapter=$(score ValidationBenchmark.accessTokenJwtDecoder)
nimbus=$(score ValidationBenchmark.nimbusJwtDecoder)
cached=$(score ValidationBenchmark.cachedJwtDecoder)

echo
echo "== Scores (ops/ms, higher is better; ± is JMH's 99.9% confidence half-interval)"
jq -r '.[] | "  \(.benchmark | sub("^org.jwtauth.bench."; ""))\(if .params.alg then " [\(.params.alg)]" else "" end)\t\(.primaryMetric.score * 1000 | round / 1000) ± \(.primaryMetric.scoreError | if type == "number" then (. * 1000 | round / 1000 | tostring) else "n/a" end) \(.primaryMetric.scoreUnit)"' "$result" | column -t -s $'\t'
echo
echo "== Ratios"
ratio "AccessTokenValidator / NimbusJwtDecoder (target >= 1)" "$ours" "$nimbus"
ratio "AccessTokenJwtDecoder / NimbusJwtDecoder" "$adapter" "$nimbus"
ratio "AccessTokenJwtDecoder / AccessTokenValidator (adapter cost)" "$adapter" "$ours"
ratio "cached AccessTokenJwtDecoder / uncached (token cache)" "$cached" "$adapter"
for op in sign verify; do
  rs=$(score "AlgorithmBenchmark.$op" RS256)
  for alg in ES256 EdDSA; do
    ratio "$alg / RS256 $op" "$(score "AlgorithmBenchmark.$op" "$alg")" "$rs"
  done
done
if [ -n "$ours" ] && [ -n "$nimbus" ]; then
  awk -v a="$ours" -v b="$nimbus" 'BEGIN { print "  target: our validation >= NimbusJwtDecoder: " (a >= b ? "PASS" : "FAIL") }'
fi
echo
echo "JSON results: $result"

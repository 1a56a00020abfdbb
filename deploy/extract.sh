# Sourced (from the repository root) by run.sh, demo.sh and bench/appcds.sh.
#
#   extract_jar <exec jar> <destination>    prints the jar to start: java ... -jar <that jar>
#
# Spring Boot's "efficient deployment" layout (java -Djarmode=tools -jar <jar> extract): a thin
# application jar whose manifest lists the library jars in lib/ next to it. Classes then load from
# plain jars rather than from jars nested in the exec jar, which takes about a fifth off the auth
# server's start on two cores (5.8 -> 4.8 s on a restart; BENCHMARKS.md, fourth pass). The Dockerfiles
# start from the same layout.
# The destination is replaced, so jars of an earlier version never linger in lib/.
extract_jar() {
  local jar=$1 dest=$2
  [ -f "$jar" ] || { echo "extract_jar: $jar not found (build it first: mvn -DskipTests package)" >&2; return 1; }
  rm -rf "${dest:?}"
  java -Djarmode=tools -jar "$jar" extract --destination "$dest" >/dev/null || return 1
  echo "$dest/$(basename "$jar")"
}

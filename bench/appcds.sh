# Sourced by bench/run.sh and bench/startup.sh (run from the repository root): Spring Boot's AppCDS
# recipe, the same steps the Dockerfiles run. A start from the archive skips most class loading and
# verification, which is what a Spring Boot start spends its time on.
#
#   appcds_prepare <service> <exec jar> <work dir> <training log> [training arguments...]
#
# extracts the jar into <work dir>/<service>, records one training start that exits right after the
# context refresh (-XX:ArchiveClassesAtExit), and sets APPCDS_JAR (the extracted jar to start) and
# APPCDS_ARCHIVE (for -XX:SharedArchiveFile). The training start uses <service>/jvm.options like the
# real one: the archive must be made and used with the same collector.
# shellcheck source=deploy/extract.sh
. deploy/extract.sh

appcds_prepare() {
  local svc=$1 jar=$2 dir=$3 training_log=$4
  shift 4
  rm -f "$dir/$svc.jsa"
  APPCDS_JAR=$(extract_jar "$jar" "$dir/$svc") || return 1
  APPCDS_ARCHIVE="$dir/$svc.jsa"
  java @"$svc/jvm.options" -XX:ArchiveClassesAtExit="$APPCDS_ARCHIVE" -Dspring.context.exit=onRefresh \
    -jar "$APPCDS_JAR" --server.port=0 --management.server.port=0 "$@" >"$training_log" 2>&1 || true
  if [ ! -s "$APPCDS_ARCHIVE" ]; then
    echo "no AppCDS archive for $svc; the training start's log ($training_log) ends with:" >&2
    tail -n 20 "$training_log" >&2
    return 1
  fi
}

# The training start's arguments per service: the auth server gets a throw-away data directory and
# does not load the native signing provider (JDK 17 can crash dumping the archive with lambdas of
# its signed jar loaded; the Dockerfile does the same); the resource service needs no auth server.
appcds_training_args() { # <service> <scratch dir>
  case $1 in
    auth-server) echo "--auth.data-dir=$2/cds-training-data --auth.keys.native-signing=false" ;;
    resource-service) echo "--resource.jwks-uri=http://127.0.0.1:1/unused" ;;
  esac
}

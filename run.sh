#!/usr/bin/env bash
# The whole of Airspeed on this machine: embedded PostgreSQL, the Aircall simulator (demo data set) and
# the three services on 8081/8082/8083; bootstraps the demo org, runs one ingestion and prints the report.
# Builds what is missing first. `./run.sh --help` for the options and environment variables.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

MODULES=(aircall-simulator dev-tokens users-service ingest-service visibility-service local-stack)
SERVICES=(users-service ingest-service visibility-service)
LAUNCHER_CLASSES="local-stack/target/classes"
LAUNCHER_CLASSPATH="local-stack/target/classpath.txt"
BUILD_LOG="$ROOT/target/run-sh-build.log"

fail() {
  echo "ERROR: $*" >&2
  exit 1
}

for arg in "$@"; do
  case "$arg" in
    --once|--no-demo|--simulator) ;;
    -h|--help) ;;
    *) echo "Unknown option: $arg (try ./run.sh --help)" >&2; exit 2 ;;
  esac
done

command -v java >/dev/null 2>&1 || fail "java not found. Install JDK 17 or newer and put it on the PATH."
java_version="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
java_major="${java_version#1.}"
java_major="${java_major%%.*}"
if [[ -z "$java_major" || "$java_major" -lt 17 ]]; then
  fail "Java 17 or newer is needed; 'java' here is version ${java_version:-unknown}."
fi

# A build is needed when an artifact is missing, or when a source or pom changed since run.sh last built
# (the stamp: Maven leaves an up-to-date jar untouched, so jar times cannot tell).
BUILD_STAMP="local-stack/target/run-sh.built"
needs_build() {
  local entry
  for service in "${SERVICES[@]}"; do
    [[ -f "$service/target/quarkus-app/quarkus-run.jar" ]] || return 0
  done
  [[ -f "$LAUNCHER_CLASSPATH" && -d "$LAUNCHER_CLASSES" && -f "$BUILD_STAMP" ]] || return 0
  while IFS= read -r -d ':' entry || [[ -n "$entry" ]]; do
    [[ -z "$entry" || -e "$entry" ]] || return 0
  done < "$LAUNCHER_CLASSPATH"
  for module in "${MODULES[@]}"; do
    [[ -n "$(find "$module/src/main" "$module/pom.xml" -newer "$BUILD_STAMP" -print -quit 2>/dev/null)" ]] && return 0
  done
  [[ pom.xml -nt "$BUILD_STAMP" ]] && return 0
  return 1
}

if needs_build; then
  command -v mvn >/dev/null 2>&1 || fail "mvn not found, and Airspeed must be built first. Install Maven 3.8+."
  mkdir -p "$(dirname "$BUILD_LOG")"
  modules="$(IFS=,; echo "${MODULES[*]}")"
  echo "Building Airspeed (mvn -DskipTests install -pl $modules -am; the first build downloads dependencies"
  echo "and takes a few minutes). Log: ${BUILD_LOG#"$ROOT"/}"
  start=$SECONDS
  mvn -B -ntp -DskipTests install -pl "$modules" -am >"$BUILD_LOG" 2>&1 &
  build_pid=$!
  trap 'kill "$build_pid" 2>/dev/null; exit 130' INT TERM
  while kill -0 "$build_pid" 2>/dev/null; do
    sleep 5
    kill -0 "$build_pid" 2>/dev/null && printf '  building... %d s\n' $((SECONDS - start))
  done
  if ! wait "$build_pid"; then
    trap - INT TERM
    echo >&2
    echo "ERROR: the build failed. Errors from ${BUILD_LOG#"$ROOT"/}:" >&2
    grep -E '\[ERROR\]|BUILD FAILURE' "$BUILD_LOG" | head -n 40 >&2 || tail -n 40 "$BUILD_LOG" >&2
    exit 1
  fi
  trap - INT TERM
  touch "$BUILD_STAMP"
  echo "Built in $((SECONDS - start)) s."
fi

# exec: the launcher gets Ctrl-C directly and stops every child process before it exits.
exec java -cp "$LAUNCHER_CLASSES:$(cat "$LAUNCHER_CLASSPATH")" io.airspeed.localstack.LocalStackMain "$@"

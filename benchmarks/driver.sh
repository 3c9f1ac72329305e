#!/usr/bin/env bash
# What every run-*.sh does: one reactor build of the modules it needs with this tree's starter (-am, so nothing
# is taken from or installed into ~/.m2; BENCH_SKIP_BUILD=1 skips it when nothing changed), then the harness
# driver, which records the command line it was started with.
# Usage: driver.sh MODULES "JVM OPTIONS" DRIVER-CLASS SCRIPT-NAME [ARGUMENT...]
set -euo pipefail
modules="$1" jvm_options="$2" driver="$3" script="$4"
shift 4
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -Pbenchmarks package -DskipTests -pl "$modules" -am
fi
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
# shellcheck disable=SC2086 # the JVM options are words
exec java $jvm_options -cp "$classpath" "io.github.kafkaresilience.benchmarks.$driver" \
	--command "./benchmarks/$script $*" "$@"

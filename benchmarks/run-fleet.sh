#!/usr/bin/env bash
# The signals collector across a fleet: N instances of one service in one group, broker requests/s and CPU per group-scan mode.
# Every argument goes to the Java driver; see benchmarks/README.md or run with --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	# One reactor build with this tree's starter (-am), so nothing is taken from or installed into ~/.m2.
	./mvnw -q -Pbenchmarks package -DskipTests -pl benchmarks/broker,benchmarks/actuator-app,benchmarks/harness -am
fi
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
exec java -Xmx256m -XX:+UseSerialGC -cp "$classpath" io.github.kafkaresilience.benchmarks.FleetBenchmark \
	--command "./benchmarks/run-fleet.sh $*" "$@"

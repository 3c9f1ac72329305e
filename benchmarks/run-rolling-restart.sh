#!/usr/bin/env bash
# Rolling-restart benchmark: a real broker process, N consumer processes restarted one at a time.
# Every argument goes to the Java driver; see benchmarks/README.md or --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	# One reactor build with this tree's starter (-am), so nothing is taken from or installed into ~/.m2.
	./mvnw -q -Pbenchmarks package -DskipTests -pl benchmarks/broker,benchmarks/consumer-app,benchmarks/harness -am
fi
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
exec java -Xmx384m -XX:+UseSerialGC -cp "$classpath" io.github.kafkaresilience.benchmarks.RollingRestartBenchmark \
	--command "./benchmarks/run-rolling-restart.sh $*" "$@"

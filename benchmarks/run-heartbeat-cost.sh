#!/usr/bin/env bash
# Heartbeat cost: broker CPU and requests/s for 100, 500 and 1,000 consumers in one group, per heartbeat
# interval (classic protocol) and per group heartbeat interval (consumer protocol, KIP-848).
# Every argument goes to the Java driver; see benchmarks/README.md or run with --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	# A reactor build (-am): nothing is taken from or installed into ~/.m2 but third-party jars.
	./mvnw -q -Pbenchmarks package -DskipTests -pl benchmarks/broker,benchmarks/harness -am
fi
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
# The consumers are threads of this JVM: a thousand of them, each with its own heartbeat or background
# thread, need the heap and the small stacks.
exec java -Xmx4g -Xss512k -XX:+UseParallelGC -cp "$classpath" \
	io.github.kafkaresilience.benchmarks.HeartbeatCostBenchmark \
	--command "./benchmarks/run-heartbeat-cost.sh $*" "$@"

#!/usr/bin/env bash
# The reduced rolling-restart matrix behind the starter's default assignor and heartbeat:
# plain Spring Boot against the starter's candidate defaults, at two processing costs.
# Each line is one full run of run-rolling-restart.sh; results land in benchmarks/out/results.md.
# Usage: ./benchmarks/run-defaults-matrix.sh [--instances N]   (about 2 minutes per run)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
extra=("$@")
range=--kafka.resilience.consumer.partition-assignment-strategy=org.apache.kafka.clients.consumer.RangeAssignor
run() {
	echo "=== $*" >&2
	BENCH_SKIP_BUILD="${BENCH_SKIP_BUILD:-1}" ./benchmarks/run-rolling-restart.sh "$@" "${extra[@]}"
}
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q install -DskipTests
	./mvnw -q -f benchmarks/pom.xml package -DskipTests
fi
# 4 ms per record: a full poll of 500 records takes 2 s.
run --scenario plain --delay-ms 4 --rate 200
run --scenario starter --delay-ms 4 --rate 200
run --scenario starter --delay-ms 4 --rate 200 --app-arg "$range"
run --scenario starter --delay-ms 4 --rate 200 --app-arg --kafka.resilience.consumer.heartbeat-interval=500ms
# 20 ms per record: a full poll of 500 records takes 10 s, so an eager rebalance waits for every batch.
run --scenario plain --delay-ms 20 --rate 100
run --scenario starter --delay-ms 20 --rate 100
run --scenario starter --delay-ms 20 --rate 100 --app-arg "$range"

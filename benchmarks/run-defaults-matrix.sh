#!/usr/bin/env bash
# The rolling-restart matrix behind the starter's default assignor and heartbeat (docs/benchmarks.md):
# plain Spring Boot against the starter's defaults and the alternatives, at two processing costs and two
# group sizes. Each line is one full run of run-rolling-restart.sh (about 1.5 minutes); rows are appended
# to benchmarks/out/results.md and results.csv.
# Usage: ./benchmarks/run-defaults-matrix.sh       (BENCH_SKIP_BUILD=1 skips the build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
range=--kafka.resilience.consumer.partition-assignment-strategy=org.apache.kafka.clients.consumer.RangeAssignor
hb1s=--kafka.resilience.consumer.heartbeat-interval=1s
run() {
	echo "=== $*" >&2
	BENCH_SKIP_BUILD=1 ./benchmarks/run-rolling-restart.sh "$@"
}
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -Pbenchmarks package -DskipTests -pl benchmarks/broker,benchmarks/consumer-app,benchmarks/harness -am
fi
# 3 instances, 4 ms per record (a full poll of 500 records takes 2 s).
run --scenario plain --delay-ms 4 --rate 200
run --scenario starter --delay-ms 4 --rate 200
run --scenario starter --delay-ms 4 --rate 200 --app-arg "$hb1s"
run --scenario starter --delay-ms 4 --rate 200 --app-arg "$range" --app-arg "$hb1s"
run --scenario starter --delay-ms 4 --rate 200 --app-arg "$range"
# 3 instances, 20 ms per record, at a rate three consumers keep up with.
run --scenario plain --delay-ms 20 --rate 100
run --scenario starter --delay-ms 20 --rate 100
run --scenario starter --delay-ms 20 --rate 100 --app-arg "$hb1s"
run --scenario starter --delay-ms 20 --rate 100 --app-arg "$range" --app-arg "$hb1s"
# 6 instances.
run --scenario plain --delay-ms 4 --rate 200 --instances 6
run --scenario starter --delay-ms 4 --rate 200 --instances 6
run --scenario starter --delay-ms 4 --rate 200 --instances 6 --app-arg "$range" --app-arg "$hb1s"

#!/usr/bin/env bash
# The rolling-restart scenario matrix of docs/benchmarks.md: plain Spring Boot against the starter's defaults in
# every cell (3 and 6 instances; 0, 4 and 20 ms per record), then the levers one at a time. Each run is one
# full run-rolling-restart.sh (about 70 s with 3 instances, 110 s with 6); rows are appended to
# benchmarks/out/results.csv, labelled, and ./benchmarks/summarize.sh turns them into medians per cell.
# Usage: ./benchmarks/run-matrix.sh [defaults] [levers] [levers-20] [large] [backlog]   (default: every section)
#   REPEAT=N         runs per cell in the "defaults" section (default 2)
#   VARIANTS="..."   what the "defaults" section compares (default "plain starter"; "starter" alone re-measures
#                    the starter after a change of its defaults)
#   BENCH_SKIP_BUILD=1 skips the build.
# About 80 minutes for everything with REPEAT=2. Wants a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
repeat="${REPEAT:-2}"
read -r -a variants <<<"${VARIANTS:-plain starter}"
sections=("$@")
[[ ${#sections[@]} -eq 0 ]] && sections=(defaults levers levers-20 large backlog)
range=--kafka.resilience.consumer.partition-assignment-strategy=org.apache.kafka.clients.consumer.RangeAssignor
run() {
	echo "=== $(date -u +%H:%M:%S) $*" >&2
	BENCH_SKIP_BUILD=1 ./benchmarks/run-rolling-restart.sh "$@" || echo "=== run failed: $*" >&2
}
rate() { [[ "$1" == 20 ]] && echo 100 || echo 200; }
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q install -DskipTests
	./mvnw -q -f benchmarks/pom.xml package -DskipTests
fi
for section in "${sections[@]}"; do
	case "$section" in
	defaults)
		# Plain and starter alternate inside each repetition, so drift on the machine hits both alike.
		for instances in 3 6; do
			for delay in 0 4 20; do
				for ((i = 1; i <= repeat; i++)); do
					for variant in "${variants[@]}"; do
						label=plain
						[[ "$variant" == starter ]] && label="starter defaults"
						run --scenario "$variant" --label "$label" --instances "$instances" --delay-ms "$delay" \
							--rate "$(rate "$delay")"
					done
				done
			done
		done
		;;
	levers)
		# One lever at a time, 3 instances, 4 ms per record (a full poll of 500 records takes 2 s).
		common=(--instances 3 --delay-ms 4 --rate 200)
		run --scenario plain-cooperative --label "plain + cooperative-sticky" "${common[@]}"
		run --scenario plain-heartbeat-1s --label "plain + heartbeat 1s" "${common[@]}"
		run --scenario plain --label "plain + heartbeat 500ms" "${common[@]}" \
			--app-arg --spring.kafka.consumer.heartbeat-interval=500ms
		run --scenario plain-static-cooperative --label "plain + static ids + cooperative-sticky" "${common[@]}"
		run --scenario plain-consumer-protocol --label "plain + KIP-848 (broker heartbeat 5s)" "${common[@]}"
		run --scenario starter --label "starter + range (eager)" "${common[@]}" --app-arg "$range"
		run --scenario starter --label "starter + heartbeat 1s" "${common[@]}" \
			--app-arg --kafka.resilience.consumer.heartbeat-interval=1s
		run --scenario starter --label "starter + heartbeat 3s" "${common[@]}" \
			--app-arg --kafka.resilience.consumer.heartbeat-interval=3s
		run --scenario starter --label "starter + heartbeat 500ms" "${common[@]}" \
			--app-arg --kafka.resilience.consumer.heartbeat-interval=500ms
		run --scenario starter-static --label "starter + static ids (leave on stop)" "${common[@]}"
		run --scenario starter-static-stay --label "starter + static ids (stay on stop)" "${common[@]}"
		run --scenario starter-consumer-protocol --label "starter + KIP-848 (broker heartbeat 5s)" "${common[@]}"
		run --scenario starter-consumer-protocol --label "starter + KIP-848 (broker heartbeat 500ms)" "${common[@]}" \
			--broker-prop group.consumer.min.heartbeat.interval.ms=500 \
			--broker-prop group.consumer.heartbeat.interval.ms=500
		run --scenario plain --label plain --concurrency 2 "${common[@]}"
		run --scenario starter --label "starter defaults" --concurrency 2 "${common[@]}"
		;;
	levers-20)
		# The levers that matter most when a poll's batch takes seconds: 20 ms per record.
		common=(--instances 3 --delay-ms 20 --rate 100)
		run --scenario starter --label "starter + range (eager)" "${common[@]}" --app-arg "$range"
		run --scenario plain-cooperative --label "plain + cooperative-sticky" "${common[@]}"
		run --scenario starter --label "starter + heartbeat 500ms" "${common[@]}" \
			--app-arg --kafka.resilience.consumer.heartbeat-interval=500ms
		run --scenario starter-static --label "starter + static ids (leave on stop)" "${common[@]}"
		run --scenario starter-consumer-protocol --label "starter + KIP-848 (broker heartbeat 500ms)" "${common[@]}" \
			--broker-prop group.consumer.min.heartbeat.interval.ms=500 \
			--broker-prop group.consumer.heartbeat.interval.ms=500
		;;
	large)
		# Eager against cooperative on the larger group, where an eager rebalance stops more members.
		run --scenario starter --label "starter + range (eager)" --instances 6 --delay-ms 4 --rate 200 --app-arg "$range"
		run --scenario starter --label "starter + range (eager)" --instances 6 --delay-ms 20 --rate 100 --app-arg "$range"
		;;
	backlog)
		# Long batches: 3,000 records at once when the roll starts, 20 ms each, so every poll returns a full
		# batch of 500 records (10 s of work) while instances restart. Stalls inside a batch dominate the gap
		# measures here; the burst's drain time (how long the group took to work through it) is the figure.
		common=(--instances 3 --delay-ms 20 --rate 100 --burst 3000)
		run --scenario plain --label plain "${common[@]}"
		run --scenario starter --label "starter defaults" "${common[@]}"
		run --scenario starter --label "starter + range (eager)" "${common[@]}" --app-arg "$range"
		run --scenario starter --label "starter + max-poll-records 50" "${common[@]}" \
			--app-arg --kafka.resilience.consumer.max-poll-records=50
		run --scenario starter-consumer-protocol --label "starter + KIP-848 (broker heartbeat 500ms)" "${common[@]}" \
			--broker-prop group.consumer.min.heartbeat.interval.ms=500 \
			--broker-prop group.consumer.heartbeat.interval.ms=500
		;;
	*)
		echo "Unknown section '$section' (defaults, levers, levers-20, large, backlog)" >&2
		exit 2
		;;
	esac
done
./benchmarks/summarize.sh

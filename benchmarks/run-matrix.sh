#!/usr/bin/env bash
# The rolling-restart scenario matrix of docs/benchmarks.md: plain Spring Boot against the starter's defaults in
# every cell (3 and 6 instances; 0, 4 and 20 ms per record), then the levers one at a time. Each run is one
# full run-rolling-restart.sh (about 70 s with 3 instances, 110 s with 6); rows are appended to
# benchmarks/out/results.csv, labelled, and ./benchmarks/summarize.sh turns them into medians per cell.
# Usage: ./benchmarks/run-matrix.sh [defaults] [levers] [levers-20] [large] [backlog] [kip848] [kip848-levers]
#                                    [migration] [crash] [fast-roll] [pause] [hold] [deployment-pod]
#                                    (default: every section but the last eight)
#   kip848           plain against the starter on KIP-848 (group.protocol=consumer, broker heartbeat 5 s),
#                    alternating, REPEAT runs each per cell: 3 and 6 instances x 4 and 20 ms per record
#   kip848-levers    3 instances, 4 ms: plain classic, plain KIP-848, the starter on KIP-848 with its 500 ms poll
#                    timeout, and with the opt-in 500 ms group heartbeat; REPEAT runs each
#   migration        3 instances, 4 ms: the roll itself moves the group classic -> KIP-848, and back
#   crash            3 instances, 4 ms, 400 records/s: the session timeout under crashes, for each of SESSIONS
#                    (default "45s 20s 10s 6s") and plain: one instance killed and not started again; each
#                    instance killed and started again at once (after the previous one is healthy); and killed
#                    every 8 s, healthy or not
#                    SESSIONS may hold "default" (the starter's own choice); CRASH_KINDS="kill crash crash-every-8"
#                    picks the disruptions
#   fast-roll        3 instances with no pause between restarts, and 6 replaced two at a time, plain and starter;
#                    each with the readiness of HEALTHY_WHEN (default "assigned joined", see --healthy-when)
#   pause            the session timeout's risk: one instance's JVM stopped with SIGSTOP for 2, 5 and 8 s, for
#                    each of PAUSE_SESSIONS (default "20s 10s 6s"), and plain with an 8 s pause
#   hold             3 instances, 4 ms, 400 records/s, the starter's defaults: kafka.resilience.rebalance.max-uncommitted-time
#                    unset and each of HOLDS (default "0s 2s"), for a crash with a restart at once, kills every 8 s,
#                    and a paced graceful roll (does the hold ever stop a healthy rebalance?)
#   deployment-pod   3 instances, 4 ms, 400 records/s, the starter's defaults in a Deployment pod (POD_NAME kept across
#                    a kill, new after a graceful stop): crash, crash every 8 s, kill, paced roll, roll without a gap
#                    (3, and 6 two at a time), an 8 s SIGSTOP, and a crash and a roll on KIP-848
#   REPEAT=N         runs per cell in the "defaults", "kip848", "kip848-levers", "migration", "crash", "pause", "hold" and
#                    "deployment-pod" sections
#                    (default 2)
#   INSTANCES="..."  instance counts of the "kip848" section (default "3 6")
#   DELAYS="..."     processing times in ms of the "kip848" section (default "4 20")
#   VARIANTS="..."   what the "defaults" and "kip848" sections compare (default "plain starter"; "starter" alone re-measures
#                    the starter after a change of its defaults; "starter-heartbeat" in "kip848" is the starter with
#                    the opt-in 500 ms group heartbeat)
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
# One starter run per entry of the array "values": the entry "$2" runs the starter's defaults, any other sets
# property $1 to it. Usage: starter_levers <property> <defaults-entry> <label name> <label suffix> <run args...>
starter_levers() {
	local property="$1" defaults="$2" name="$3" suffix="$4" value
	shift 4
	for value in "${values[@]}"; do
		if [[ "$value" == "$defaults" ]]; then
			run --scenario starter --label "starter defaults $suffix" "$@"
		else
			run --scenario starter --label "starter $name $value $suffix" "$@" --app-arg "--$property=$value"
		fi
	done
}
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	./mvnw -q -Pbenchmarks package -DskipTests -pl benchmarks/broker,benchmarks/consumer-app,benchmarks/harness -am
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
	kip848)
		# Plain and starter alternate on the consumer group protocol, so drift on the machine hits both alike.
		read -r -a kip848_instances <<<"${INSTANCES:-3 6}"
		read -r -a kip848_delays <<<"${DELAYS:-4 20}"
		for instances in "${kip848_instances[@]}"; do
			for delay in "${kip848_delays[@]}"; do
				for ((i = 1; i <= repeat; i++)); do
					common=(--instances "$instances" --delay-ms "$delay" --rate "$(rate "$delay")")
					for variant in "${variants[@]}"; do
						if [[ "$variant" == plain ]]; then
							run --scenario plain-consumer-protocol --label "plain + KIP-848 (broker heartbeat 5s)" \
								"${common[@]}"
						elif [[ "$variant" == starter-heartbeat ]]; then
							run --scenario starter-consumer-protocol \
								--label "starter + KIP-848 + group heartbeat 500ms (opt-in)" "${common[@]}" \
								--broker-prop group.consumer.min.heartbeat.interval.ms=500 \
								--app-arg --kafka.resilience.consumer-protocol.heartbeat-interval=500ms
						else
							run --scenario starter-consumer-protocol \
								--label "starter + KIP-848 (poll 500ms; broker heartbeat 5s)" "${common[@]}"
						fi
					done
				done
			done
		done
		;;
	kip848-levers)
		# What the starter does on KIP-848 beside plain on both protocols, REPEAT runs each, alternating: its
		# 500 ms container poll timeout (the default since 2026-12-02) at the broker's 5 s heartbeat, and the
		# opt-in group heartbeat of 500 ms it sets through incrementalAlterConfigs (the broker allowing 500 ms).
		common=(--instances 3 --delay-ms 4 --rate 200)
		for ((i = 1; i <= repeat; i++)); do
			run --scenario plain --label plain "${common[@]}"
			run --scenario plain-consumer-protocol --label "plain + KIP-848 (broker heartbeat 5s)" "${common[@]}"
			run --scenario starter-consumer-protocol --label "starter + KIP-848 (poll 500ms; broker heartbeat 5s)" \
				"${common[@]}"
			run --scenario starter-consumer-protocol --label "starter + KIP-848 + group heartbeat 500ms (opt-in)" \
				"${common[@]}" --broker-prop group.consumer.min.heartbeat.interval.ms=500 \
				--app-arg --kafka.resilience.consumer-protocol.heartbeat-interval=500ms
		done
		;;
	migration)
		# A live group moved between the protocols by the rolling deploy itself: each restarted instance comes
		# back on the other protocol (the broker converts the group online), REPEAT runs each way.
		common=(--instances 3 --delay-ms 4 --rate 200)
		for ((i = 1; i <= repeat; i++)); do
			run --scenario starter --label "starter: classic to KIP-848 during the roll" "${common[@]}" \
				--restart-app-arg '--spring.kafka.consumer.properties[group.protocol]=consumer'
			run --scenario starter-consumer-protocol --label "starter: KIP-848 to classic during the roll" \
				"${common[@]}" --restart-app-arg '--spring.kafka.consumer.properties[group.protocol]=classic'
		done
		;;
	crash)
		# Every consumer log line is written through before the listener returns, so a kill cannot make a
		# consumed record look lost; duplicates are records consumed again after a crash.
		common=(--instances 3 --delay-ms 4 --rate 400 --app-arg --bench.flush-interval=0)
		read -r -a sessions <<<"${SESSIONS:-45s 20s 10s 6s}"
		read -r -a kinds <<<"${CRASH_KINDS:-kill crash crash-every-8}"
		for ((i = 1; i <= repeat; i++)); do
			for kind in "${kinds[@]}"; do
				case "$kind" in
				# A killed instance is not replaced: the run settles longer than the longest session timeout,
				# so that its partitions are consumed again while production still runs.
				kill) disruption=(--disruption kill --settle-s 60) suffix="(kill)" ;;
				crash) disruption=(--crash) suffix="(crash)" ;;
				crash-every-8) disruption=(--crash --restart-every-s 8) suffix="(crash every 8 s)" ;;
				*) echo "Unknown CRASH_KINDS entry '$kind' (kill, crash, crash-every-8)" >&2; exit 2 ;;
				esac
				run --scenario plain --label "plain $suffix" "${common[@]}" "${disruption[@]}"
				values=("${sessions[@]}")
				starter_levers kafka.resilience.consumer.session-timeout default session "$suffix" "${common[@]}" \
					"${disruption[@]}"
			done
		done
		;;
	fast-roll)
		# Rollouts that do not wait: the next instance is stopped the moment the previous one is back (no
		# pause), one at a time with 3 instances and two at a time with 6 (a Deployment's maxUnavailable of
		# 25 %), plain and starter alternating. "Back" is each of HEALTHY_WHEN (default "assigned joined"):
		# readiness with the startup gate (owns partitions and consumed), and readiness at context start
		# (its consumer is a member, maybe not yet assigned).
		read -r -a backs <<<"${HEALTHY_WHEN:-assigned joined}"
		for ((i = 1; i <= repeat; i++)); do
			for back in "${backs[@]}"; do
				suffix=""
				[[ "$back" != assigned ]] && suffix="; ready when $back"
				for variant in plain starter; do
					label=plain
					[[ "$variant" == starter ]] && label="starter defaults"
					run --scenario "$variant" --label "$label (no gap$suffix)" --instances 3 --delay-ms 4 --rate 400 \
						--between-restarts-s 0 --healthy-when "$back"
					run --scenario "$variant" --label "$label (2 at a time without gap$suffix)" --instances 6 \
						--delay-ms 4 --rate 400 --between-restarts-s 0 --together 2 --healthy-when "$back"
				done
			done
		done
		;;
	pause)
		# A stop-the-world pause of one whole consumer JVM (SIGSTOP, SIGCONT): evicted or not is the
		# "expired" column of the results; the paused instance's own partitions wait out the pause either way.
		common=(--instances 3 --delay-ms 4 --rate 400 --disruption pause)
		read -r -a pause_sessions <<<"${PAUSE_SESSIONS:-20s 10s 6s}"
		for ((i = 1; i <= repeat; i++)); do
			run --scenario plain --label "plain (pause 8 s)" "${common[@]}" --pause-s 8
			for session in "${pause_sessions[@]}"; do
				for pause in 2 5 8; do
					run --scenario starter --label "starter session $session (pause $pause s)" "${common[@]}" \
						--pause-s "$pause" --app-arg "--kafka.resilience.consumer.session-timeout=$session"
				done
			done
		done
		;;
	hold)
		common=(--instances 3 --delay-ms 4 --rate 400 --app-arg --bench.flush-interval=0)
		read -r -a values <<<"unset ${HOLDS:-0s 2s}"
		for ((i = 1; i <= repeat; i++)); do
			for kind in "crash" "crash every 8 s" "roll"; do
				case "$kind" in
				crash) disruption=(--crash) ;;
				"crash every 8 s") disruption=(--crash --restart-every-s 8) ;;
				roll) disruption=() ;;
				esac
				starter_levers kafka.resilience.rebalance.max-uncommitted-time unset hold "($kind)" "${common[@]}" \
					"${disruption[@]}"
			done
		done
		;;
	deployment-pod)
		pod=(--scenario starter-deployment-pod --delay-ms 4 --rate 400 --app-arg --bench.flush-interval=0)
		common=("${pod[@]}" --instances 3)
		kip848=(--app-arg '--spring.kafka.consumer.properties[group.protocol]=consumer')
		for ((i = 1; i <= repeat; i++)); do
			run "${common[@]}" --label "starter in a Deployment pod (crash)" --crash
			run "${common[@]}" --label "starter in a Deployment pod (crash every 8 s)" --crash --restart-every-s 8
			run "${common[@]}" --label "starter in a Deployment pod (kill)" --disruption kill --settle-s 60
			run "${common[@]}" --label "starter in a Deployment pod (roll)"
			run "${common[@]}" --label "starter in a Deployment pod (no gap; ready when joined)" --between-restarts-s 0 \
				--healthy-when joined
			run "${pod[@]}" --label "starter in a Deployment pod (2 at a time without gap; ready when joined)" \
				--instances 6 --between-restarts-s 0 --together 2 --healthy-when joined
			run "${common[@]}" --label "starter in a Deployment pod (pause 8 s)" --disruption pause --pause-s 8
			run "${common[@]}" --label "starter in a Deployment pod on KIP-848 (crash)" --crash "${kip848[@]}"
			run "${common[@]}" --label "starter in a Deployment pod on KIP-848 (roll)" "${kip848[@]}"
		done
		;;
	*)
		echo "Unknown section '$section' (defaults, levers, levers-20, large, backlog, kip848, kip848-levers, migration, crash, fast-roll, pause, hold, deployment-pod)" >&2
		exit 2
		;;
	esac
done
./benchmarks/summarize.sh

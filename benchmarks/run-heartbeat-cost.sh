#!/usr/bin/env bash
# Heartbeat cost: broker CPU and requests/s for 100, 500 and 1,000 consumers in one group, per heartbeat
# interval (classic protocol) and per group heartbeat interval (consumer protocol, KIP-848).
# Every argument goes to the Java driver; see benchmarks/README.md or run with --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
# The consumers are threads of the driver's JVM: a thousand of them, each with its own heartbeat or background
# thread, need the heap and the small stacks.
exec "$(dirname "$0")/driver.sh" benchmarks/broker,benchmarks/harness \
	"-Xmx4g -Xss512k -XX:+UseParallelGC" HeartbeatCostBenchmark run-heartbeat-cost.sh "$@"

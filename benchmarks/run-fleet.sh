#!/usr/bin/env bash
# The signals collector across a fleet: N instances of one service in one group, broker requests/s and CPU per group-scan mode.
# Every argument goes to the Java driver; see benchmarks/README.md or run with --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
exec "$(dirname "$0")/driver.sh" benchmarks/broker,benchmarks/actuator-app,benchmarks/harness \
	"-Xmx256m -XX:+UseSerialGC" FleetBenchmark run-fleet.sh "$@"

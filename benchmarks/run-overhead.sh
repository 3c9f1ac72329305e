#!/usr/bin/env bash
# Overhead benchmark: throughput draining a pre-filled topic with and without kafka-resilience, alternating runs.
# Every argument goes to the Java driver; see benchmarks/README.md or run with --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
exec "$(dirname "$0")/driver.sh" benchmarks/broker,benchmarks/actuator-app,benchmarks/harness \
	"-Xmx384m -XX:+UseSerialGC" OverheadBenchmark run-overhead.sh "$@"

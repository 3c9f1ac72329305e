#!/usr/bin/env bash
# Rolling-restart benchmark: a real broker process, N consumer processes restarted one at a time.
# Every argument goes to the Java driver; see benchmarks/README.md or --help.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
exec "$(dirname "$0")/driver.sh" benchmarks/broker,benchmarks/consumer-app,benchmarks/harness \
	"-Xmx384m -XX:+UseSerialGC" RollingRestartBenchmark run-rolling-restart.sh "$@"

#!/usr/bin/env bash
# JMH micro-benchmarks of kafka-resilience's per-call and per-refresh code. Arguments go to JMH
# (e.g. -f 1 -wi 1 -i 2 -w 1s -r 1s for a smoke run, -lprof, a benchmark name regex); see benchmarks/README.md.
# BENCH_SKIP_BUILD=1 skips the Maven build when nothing changed since the last run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
	# One reactor build with this tree's starter (-am), so nothing is taken from or installed into ~/.m2.
	./mvnw -q -Pbenchmarks package -DskipTests -pl benchmarks/jmh -am
fi
mkdir -p benchmarks/out
classpath="benchmarks/jmh/target/classes:$(cat benchmarks/jmh/target/jmh.classpath)"
result="benchmarks/out/jmh-$(date +%Y%m%d-%H%M%S)"
echo "Machine: nproc=$(nproc), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1024/1024}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)" | tee "$result.txt"
echo "Command: ./benchmarks/run-jmh.sh $*" | tee -a "$result.txt"
java -cp "$classpath" org.openjdk.jmh.Main -rf json -rff "$result.json" "$@" | tee -a "$result.txt"
echo "Results: $result.txt, $result.json"

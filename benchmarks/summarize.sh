#!/usr/bin/env bash
# Summarises benchmarks/out/results.csv (or the file given) per configuration and cell: runs, medians, worst run.
# Usage: ./benchmarks/summarize.sh [results.csv] [--from RUN-PREFIX]     e.g. --from 20261121-1430
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-$root/benchmarks/out/results.csv}"
file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
shift || true
cd "$root"
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
exec java -Xmx256m -cp "$classpath" io.github.kafkaresilience.benchmarks.analysis.ResultSummary "$file" "$@"

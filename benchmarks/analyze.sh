#!/usr/bin/env bash
# Re-analyses one run directory (benchmarks/out/<run>) and prints its Markdown and CSV rows.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="$(cd "$1" && pwd)"
cd "$root"
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
exec java -Xmx512m -cp "$classpath" io.github.kafkaresilience.benchmarks.analysis.RunAnalysis "$run"

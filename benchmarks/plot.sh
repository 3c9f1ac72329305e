#!/usr/bin/env bash
# Plots the consumption of two or more run directories (benchmarks/out/<run>) into one PNG,
# one panel per run. Build the harness first (see README.md).
set -euo pipefail
if [ "$#" -lt 3 ]; then
	echo "Usage: $0 RUN_DIR RUN_DIR... OUT.png" >&2
	exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
args=()
for arg in "$@"; do
	case "$arg" in
		/*) args+=("$arg") ;;
		*) args+=("$PWD/$arg") ;;
	esac
done
cd "$root"
classpath="$(cat benchmarks/harness/target/harness.classpath):benchmarks/harness/target/classes"
exec java -Djava.awt.headless=true -Xmx1g -cp "$classpath" \
	io.github.kafkaresilience.benchmarks.analysis.ConsumptionPlot "${args[@]}"

package io.github.kafkaresilience.benchmarks;

import java.util.List;

import io.github.kafkaresilience.benchmarks.OverheadBenchmark.RunResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OverheadBenchmarkTests {

	// 1,000,001 records in 1 s is 1,000,000 records/s: the rate counts intervals between
	// records.
	private static RunResult run(int pair, String variant, double seconds) {
		return new RunResult(0, pair, variant, 1_000_001, (long) (seconds * 1e9), 900_000, (long) (seconds * 0.9e9),
				variant.equals("starter"), 0, 5000);
	}

	@Test
	void ratioIsStarterOverPlainWithinEachPair() {
		List<RunResult> results = List.of(run(0, "starter", 1.0), run(0, "plain", 0.98), run(1, "plain", 1.0),
				run(1, "starter", 1.0));
		assertThat(OverheadBenchmark.ratios(results, RunResult::recordsPerSecond)).hasSize(2).satisfies((ratios) -> {
			assertThat(ratios.get(0)).isCloseTo(0.98, within(1e-9));
			assertThat(ratios.get(1)).isCloseTo(1.0, within(1e-9));
		});
	}

	@Test
	void incompletePairHasNoRatio() {
		assertThat(OverheadBenchmark.ratios(List.of(run(0, "starter", 1.0)), RunResult::recordsPerSecond)).isEmpty();
	}

	@Test
	void reportStatesWhetherTheTargetIsMet() {
		List<RunResult> results = List.of(run(0, "starter", 1.0), run(0, "plain", 0.9));
		assertThat(OverheadBenchmark.report("header", results)).contains("records/s after the first tenth")
			.contains("Median ratio starter/plain: 0.900")
			.contains("NOT met")
			.contains("| 1 | 0 | starter | 1000001 | 1000.0 | 1000000 | 1000000 | yes | 0 | 5.0 |");
	}

	@Test
	void orderBalancedRatioWeighsBothOrdersAlikeWhateverTheNumberOfPairs() {
		// Starter first in pairs 0, 2, 4 (0.94 each), plain first in pairs 1, 3 (1.02
		// each).
		List<Double> ratios = List.of(0.94, 1.02, 0.94, 1.02, 0.94);
		assertThat(OverheadBenchmark.balanced(ratios)).isCloseTo(0.98, within(1e-9));
	}

}

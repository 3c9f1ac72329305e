package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessTests {

	private final double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

	@Test
	void nearestRankPercentileIsAMeasuredValue() {
		assertThat(Harness.percentile(this.hundred, 50)).isEqualTo(50);
		assertThat(Harness.percentile(this.hundred, 99)).isEqualTo(99);
		assertThat(Harness.percentile(new double[] { 3, 1, 2 }, 50)).isEqualTo(2);
	}

	@Test
	void percentileZeroIsTheMinimumAndHundredTheMaximum() {
		assertThat(Harness.percentile(this.hundred, 0)).isEqualTo(1);
		assertThat(Harness.percentile(this.hundred, 100)).isEqualTo(100);
	}

	@Test
	void noValuesHaveNoPercentile() {
		assertThat(Harness.percentile(new double[0], 50)).isNaN();
		assertThat(Harness.median(List.of())).isNaN();
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Harness.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(Harness.median(List.of(0.9, 1.1, 1.0))).isEqualTo(1.0);
	}

	@Test
	void tableRowsHaveOneCellPerValue() {
		assertThat(Harness.tableHeader("a", "b")).isEqualTo("| a | b |\n|---|---|\n");
		assertThat(Harness.tableRow("x", 1, 2.5)).isEqualTo("| x | 1 | 2.5 |\n");
	}

	@Test
	void aConditionThatNeverHoldsIsNotMetInTime() {
		assertThat(Harness.eventually(Duration.ofMillis(300), () -> false)).isFalse();
		assertThat(Harness.eventually(Duration.ofSeconds(5), () -> true)).isTrue();
	}

}

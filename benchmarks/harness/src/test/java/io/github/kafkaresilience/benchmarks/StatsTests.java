package io.github.kafkaresilience.benchmarks;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTests {

	private final double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

	@Test
	void nearestRankPercentileIsAMeasuredValue() {
		assertThat(Stats.percentile(this.hundred, 50)).isEqualTo(50);
		assertThat(Stats.percentile(this.hundred, 99)).isEqualTo(99);
		assertThat(Stats.percentile(new double[] { 3, 1, 2 }, 50)).isEqualTo(2);
	}

	@Test
	void percentileZeroIsTheMinimumAndHundredTheMaximum() {
		assertThat(Stats.percentile(this.hundred, 0)).isEqualTo(1);
		assertThat(Stats.percentile(this.hundred, 100)).isEqualTo(100);
	}

	@Test
	void noValuesHaveNoPercentile() {
		assertThat(Stats.percentile(new double[0], 50)).isNaN();
		assertThat(Stats.median(List.of())).isNaN();
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(Stats.median(List.of(0.9, 1.1, 1.0))).isEqualTo(1.0);
	}

}

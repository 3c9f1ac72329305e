package io.github.kafkaresilience.benchmarks;

import java.util.List;
import java.util.stream.IntStream;

import io.github.kafkaresilience.benchmarks.ScaleBenchmark.HeapRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessTests {

	private static final String HISTOGRAM = """
			12345:
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:         12000         960000  [B (java.base@17.0.15)
			   2:          1000          56000  io.github.kafkaresilience.signals.PartitionSignals
			   3:            70           1680  io.github.kafkaresilience.signals.LagWindow$Sample
			   4:             1             16  io.github.other.Thing
			Total         13071        1017696
			""";

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
	void heapHistogramKeepsKafkaResilienceClassesWithCountsAndBytes() {
		assertThat(HeapRow.parse(HISTOGRAM)).containsExactly(
				new HeapRow("io.github.kafkaresilience.signals.PartitionSignals", 1000, 56000),
				new HeapRow("io.github.kafkaresilience.signals.LagWindow$Sample", 70, 1680));
	}

}

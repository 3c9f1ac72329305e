package io.github.kafkaresilience.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapHistogramTests {

	private static final String OUTPUT = """
			12345:
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:         12000         960000  [B (java.base@17.0.15)
			   2:          1000          56000  io.github.kafkaresilience.signals.PartitionSignals
			   3:            70           1680  io.github.kafkaresilience.signals.LagWindow$Sample
			   4:             1             16  io.github.other.Thing
			Total         13071        1017696
			""";

	@Test
	void keepsTheClassesOfThePrefixWithCountsAndBytes() {
		assertThat(HeapHistogram.parse(OUTPUT, "io.github.kafkaresilience.")).containsExactly(
				new HeapHistogram.Row("io.github.kafkaresilience.signals.PartitionSignals", 1000, 56000),
				new HeapHistogram.Row("io.github.kafkaresilience.signals.LagWindow$Sample", 70, 1680));
	}

}

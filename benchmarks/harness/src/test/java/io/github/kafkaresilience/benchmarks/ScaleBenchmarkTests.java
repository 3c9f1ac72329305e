package io.github.kafkaresilience.benchmarks;

import io.github.kafkaresilience.benchmarks.ScaleBenchmark.Layout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScaleBenchmarkTests {

	@Test
	void layoutIsGroupsByTotalPartitions() {
		assertThat(Layout.parse("10x1000")).isEqualTo(new Layout(10, 1000));
		assertThat(Layout.parse(" 1X100 ")).hasToString("1x100");
	}

	@Test
	void partitionsMustDivideAmongGroups() {
		assertThatIllegalArgumentException().isThrownBy(() -> Layout.parse("3x100"));
		assertThatIllegalArgumentException().isThrownBy(() -> Layout.parse("100"));
	}

	@Test
	void smokeDefaultsAreSmall() {
		ScaleBenchmark options = RollingRestartBenchmarkTests.parse(new ScaleBenchmark(), "--smoke");
		assertThat(options.layouts).containsExactly(new Layout(2, 50), new Layout(1, 100));
		assertThat(options.requests).isEqualTo(300);
		assertThat(options.refreshInterval).isEqualTo("2s");
		assertThat(options.endpoints).containsExactly("kafkaconsumers", "prometheus");
	}

}

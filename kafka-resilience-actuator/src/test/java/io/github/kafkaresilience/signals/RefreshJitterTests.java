package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.util.List;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delay between two refreshes varies around the configured interval, so that a fleet
 * of instances does not refresh in lockstep.
 */
class RefreshJitterTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	@Test
	void delayStaysWithinATenthOfTheIntervalEitherWay() {
		assertThat(ConsumerSignalsCollector.jitteredDelayMs(INTERVAL, 0.0)).isEqualTo(9_000);
		assertThat(ConsumerSignalsCollector.jitteredDelayMs(INTERVAL, 0.5)).isEqualTo(10_000);
		assertThat(ConsumerSignalsCollector.jitteredDelayMs(INTERVAL, 0.999_999)).isEqualTo(11_000);
	}

	@Test
	void instancesThatDrawDifferentNumbersDriftApart() {
		List<Long> delays = DoubleStream.of(0.1, 0.4, 0.7)
			.mapToObj((random) -> ConsumerSignalsCollector.jitteredDelayMs(INTERVAL, random))
			.toList();
		assertThat(delays).doesNotHaveDuplicates().allSatisfy((delay) -> assertThat(delay).isBetween(9_000L, 11_000L));
	}

	@Test
	void aTinyIntervalStillWaits() {
		assertThat(ConsumerSignalsCollector.jitteredDelayMs(Duration.ofMillis(1), 0.0)).isEqualTo(1);
	}

}

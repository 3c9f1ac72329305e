package io.github.kafkaresilience.benchmarks.analysis;

import java.util.List;

import io.github.kafkaresilience.benchmarks.analysis.Gaps.Gap;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Progress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GapsTests {

	@Test
	void quietStretchWithNothingToConsumeIsNoGap() {
		List<Gap> gaps = Gaps.of(List.of(new Progress(1000, 1010, "a"), new Progress(5000, 5010, "a")));
		assertThat(gaps).extracting(Gap::lengthMs).containsExactly(10L, 10L);
	}

	@Test
	void gapRunsFromPreviousConsumptionWhileRecordsWait() {
		List<Gap> gaps = Gaps.of(List.of(new Progress(1000, 1010, "a"), new Progress(1100, 4000, "b")));
		assertThat(gaps).last().isEqualTo(new Gap(1100, 4000, "a", "b"));
	}

	@Test
	void earliestWaitingRecordStartsTheGapEvenIfConsumedLater() {
		// Across partitions: a record produced at 1200 waits while another is consumed
		// first.
		List<Gap> gaps = Gaps
			.of(List.of(new Progress(1000, 1010, "a"), new Progress(1500, 3000, "a"), new Progress(1200, 3001, "b")));
		assertThat(gaps).extracting(Gap::startMs).containsExactly(1000L, 1200L, 3000L);
	}

	@Test
	void firstGapHasNoPreviousConsumer() {
		assertThat(Gaps.of(List.of(new Progress(1000, 1300, "a")))).containsExactly(new Gap(1000, 1300, null, "a"));
	}

	@Test
	void overlapIsExclusiveAtTheEdges() {
		Gap gap = new Gap(1000, 2000, "a", "a");
		assertThat(gap.overlaps(2000, 3000)).isFalse();
		assertThat(gap.overlaps(1999, 3000)).isTrue();
		assertThat(gap.overlaps(0, 1000)).isFalse();
	}

}

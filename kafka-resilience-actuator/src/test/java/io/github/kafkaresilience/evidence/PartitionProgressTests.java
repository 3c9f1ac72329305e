package io.github.kafkaresilience.evidence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTests {

	private final PartitionProgress progress = new PartitionProgress();

	@Test
	void sameRecordFailingAgainCountsAttempts() {
		fail(7);
		fail(7);
		fail(7);
		PartitionEvidence evidence = this.progress.snapshot();
		assertThat(evidence.failure()).satisfies((failure) -> {
			assertThat(failure.offset()).isEqualTo(7);
			assertThat(failure.attempts()).isEqualTo(3);
			assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
			assertThat(failure.message()).isEqualTo("bad order password=******");
		});
		assertThat(evidence.givenUp()).isZero();
	}

	@Test
	void failingRecordThatSucceedsOnARetryIsNotGivenUp() {
		fail(7);
		this.progress.started(7, 1, 10, 10);
		this.progress.succeeded(7, 1, 11, 11, 1);
		assertThat(this.progress.snapshot().failure()).isNull();
		assertThat(this.progress.snapshot().givenUp()).isZero();
	}

	@Test
	void failingRecordLeftBehindForTheNextOneIsGivenUp() {
		fail(7);
		fail(7);
		this.progress.started(8, 1, 10, 10);
		this.progress.succeeded(8, 1, 11, 11, 1);
		PartitionEvidence evidence = this.progress.snapshot();
		assertThat(evidence.failure()).isNull();
		assertThat(evidence.givenUp()).isEqualTo(1);
		assertThat(evidence.lastGivenUpAt()).isEqualTo(10);
	}

	@Test
	void commitPastTheFailingRecordMeansTheErrorHandlerRecoveredIt() {
		fail(7);
		this.progress.committed(8, 20);
		assertThat(this.progress.snapshot().givenUp()).isEqualTo(1);
		assertThat(this.progress.snapshot().failure()).isNull();
	}

	@Test
	void callInFlightIsShownUntilItReturns() {
		this.progress.started(3, 100, 5, 1_000_000);
		assertThat(this.progress.snapshot().inFlight()).satisfies((call) -> {
			assertThat(call.offset()).isEqualTo(3);
			assertThat(call.since()).isEqualTo(5);
			assertThat(call.recordTimestamp()).isEqualTo(100);
		});
		this.progress.succeeded(3, 100, 9, 4_000_000, 1);
		assertThat(this.progress.snapshot().inFlight()).isNull();
		assertThat(this.progress.snapshot().slowestCallMs()).isEqualTo(3);
	}

	@Test
	void skippedOffsetsAreReportedOnceUnlessTheGroupCommittedPastThem() {
		this.progress.started(3, 1, 1, 1);
		this.progress.started(10, 1, 2, 2);
		assertThat(this.progress.drainJumps()).containsExactly(new OffsetJump(4, 10, 2));
		assertThat(this.progress.drainJumps()).isEmpty();
		// Another member consumed 11..19 and committed 20: not a gap.
		this.progress.committed(20, 3);
		this.progress.started(20, 1, 4, 4);
		assertThat(this.progress.drainJumps()).isEmpty();
	}

	private void fail(long offset) {
		this.progress.started(offset, 1, 1, 1);
		this.progress.failed(offset, new IllegalStateException("bad order\n password=hunter2"), 2, 2);
	}

}

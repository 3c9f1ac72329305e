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
		PartitionEvidence evidence = this.progress.snapshot(100);
		assertThat(evidence.failure()).satisfies((failure) -> {
			assertThat(failure.offset()).isEqualTo(7);
			assertThat(failure.attempts()).isEqualTo(3);
			assertThat(failure.since()).isEqualTo(2);
			assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
			assertThat(failure.message()).isEqualTo("bad order password=******");
		});
		assertThat(evidence.givenUp()).isZero();
		assertThat(evidence.inFlight()).isNull();
	}

	@Test
	void failingRecordThatSucceedsOnARetryIsNotGivenUp() {
		fail(7);
		this.progress.started(7, 1);
		this.progress.succeeded(7, 1, 1);
		assertThat(this.progress.snapshot(20).failure()).isNull();
		assertThat(this.progress.snapshot(20).givenUp()).isZero();
	}

	@Test
	void failingRecordLeftBehindForTheNextOneIsGivenUp() {
		fail(7);
		fail(7);
		this.progress.started(8, 1);
		this.progress.succeeded(8, 1, 1);
		PartitionEvidence evidence = this.progress.snapshot(20);
		assertThat(evidence.failure()).isNull();
		assertThat(evidence.givenUp()).isEqualTo(1);
		assertThat(evidence.lastGivenUpAt()).isPositive();
	}

	@Test
	void commitPastTheFailingRecordMeansTheErrorHandlerRecoveredIt() {
		fail(7);
		this.progress.committed(8, 20);
		assertThat(this.progress.snapshot(30).givenUp()).isEqualTo(1);
		assertThat(this.progress.snapshot(30).failure()).isNull();
	}

	@Test
	void recordCallRunningAcrossRefreshesIsDatedFromWhenItWasFirstSeen() {
		this.progress.started(3, 100);
		assertThat(this.progress.snapshot(1_000).inFlight()).satisfies((call) -> {
			assertThat(call.offset()).isEqualTo(3);
			assertThat(call.since()).isEqualTo(1_000);
			assertThat(call.recordTimestamp()).isEqualTo(100);
		});
		assertThat(this.progress.snapshot(5_000).inFlight().since()).isEqualTo(1_000);
		this.progress.succeeded(3, 100, 1);
		PartitionEvidence done = this.progress.snapshot(7_000);
		assertThat(done.inFlight()).isNull();
		assertThat(done.slowestCallMs()).as("ran at least from 1 s to 5 s").isEqualTo(4_000);
		assertThat(done.lastCompletedAt()).isEqualTo(7_000);
		assertThat(done.completed()).isEqualTo(1);
	}

	@Test
	void callRunningNowDoesNotRaiseItsOwnThreshold() {
		this.progress.started(3, 100);
		this.progress.snapshot(1_000);
		assertThat(this.progress.snapshot(60_000).slowestCallMs()).isZero();
	}

	@Test
	void batchCallsAreTimedFromTheirStart() {
		this.progress.startedBatch(3, 100, 500, System.nanoTime());
		assertThat(this.progress.snapshot(1_000).inFlight().since()).isEqualTo(500);
		this.progress.succeeded(9, 100, 7);
		assertThat(this.progress.snapshot(2_000).completed()).isEqualTo(7);
	}

	@Test
	void skippedOffsetsAreReportedOnceUnlessTheGroupCommittedPastThem() {
		this.progress.started(3, 1);
		this.progress.started(10, 1);
		assertThat(this.progress.drainJumps()).singleElement().satisfies((jump) -> {
			assertThat(jump.fromOffset()).isEqualTo(4);
			assertThat(jump.toOffset()).isEqualTo(10);
		});
		assertThat(this.progress.drainJumps()).isEmpty();
		// Another member consumed 11..19 and committed 20: not a gap.
		this.progress.committed(20, 3);
		this.progress.started(20, 1);
		assertThat(this.progress.drainJumps()).isEmpty();
	}

	private void fail(long offset) {
		this.progress.started(offset, 1);
		this.progress.failed(offset, new IllegalStateException("bad order\n password=hunter2"), 2);
	}

}

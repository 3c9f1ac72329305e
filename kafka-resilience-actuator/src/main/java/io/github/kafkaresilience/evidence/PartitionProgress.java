package io.github.kafkaresilience.evidence;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one partition's listener calls did in this application. Written on the consumer
 * thread, read by the signals refresher; the lock is uncontended on the hot path.
 *
 * @author kafka-resilience
 */
final class PartitionProgress {

	private static final int MAX_JUMPS = 16;

	private long completed;

	private long failures;

	private long givenUp;

	private long lastGivenUpAt = -1;

	private long lastCompletedAt = -1;

	private long lastRecordTimestamp = -1;

	private long inFlightOffset = -1;

	private long inFlightSince;

	private long inFlightStartNanos;

	private long inFlightTimestamp = -1;

	private long slowestCallNanos;

	private long totalCallNanos;

	private long failingOffset = -1;

	private int attempts;

	private long failingSince;

	private @Nullable String exceptionClass;

	private @Nullable String message;

	private long lastSeenOffset = -1;

	private long lastCommitted = -1;

	private final List<OffsetJump> jumps = new ArrayList<>();

	synchronized void started(long offset, long timestamp, long now, long nanos) {
		moveOnFrom(offset, now);
		noteJump(offset, now);
		this.inFlightOffset = offset;
		this.inFlightSince = now;
		this.inFlightStartNanos = nanos;
		this.inFlightTimestamp = timestamp;
	}

	synchronized void succeeded(long offset, long timestamp, long now, long nanos, int records) {
		if (this.failingOffset >= 0 && offset >= this.failingOffset) {
			// The failing record either succeeded on a retry or was left behind.
			if (offset > this.failingOffset) {
				gaveUp(now);
			}
			clearFailure();
		}
		this.completed += records;
		this.lastCompletedAt = now;
		this.lastRecordTimestamp = timestamp;
		endCall(nanos);
	}

	synchronized void failed(long offset, Throwable exception, long now, long nanos) {
		this.failures++;
		if (offset != this.failingOffset) {
			moveOnFrom(offset, now);
			this.failingOffset = offset;
			this.attempts = 0;
			this.failingSince = now;
		}
		this.attempts++;
		this.exceptionClass = exception.getClass().getName();
		this.message = FailureMessages.sanitize(exception.getMessage());
		endCall(nanos);
	}

	/**
	 * The call ended without telling which records completed (a batch failure on another
	 * partition).
	 */
	synchronized void abandoned(long nanos) {
		endCall(nanos);
	}

	/**
	 * The group committed past the failing record: the error handler recovered it.
	 * @param committed the committed offset
	 */
	synchronized void committed(long committed, long now) {
		this.lastCommitted = committed;
		if (this.failingOffset >= 0 && committed > this.failingOffset && this.inFlightOffset < 0) {
			gaveUp(now);
			clearFailure();
		}
	}

	synchronized PartitionEvidence snapshot() {
		PartitionEvidence.Failure failure = (this.failingOffset >= 0)
				? new PartitionEvidence.Failure(this.failingOffset, this.attempts, this.failingSince,
						(this.exceptionClass != null) ? this.exceptionClass : "unknown", this.message)
				: null;
		PartitionEvidence.Call inFlight = (this.inFlightOffset >= 0)
				? new PartitionEvidence.Call(this.inFlightOffset, this.inFlightSince, this.inFlightTimestamp) : null;
		long average = (this.completed > 0) ? this.totalCallNanos / Math.max(1, this.completed + this.failures) : 0;
		return new PartitionEvidence(this.completed, this.failures, this.givenUp, this.lastGivenUpAt,
				this.lastCompletedAt, this.lastRecordTimestamp, inFlight, failure, this.slowestCallNanos / 1_000_000,
				average / 1_000_000.0);
	}

	/**
	 * Offsets the consumer skipped since the last refresh, oldest first; each is returned
	 * once.
	 */
	synchronized List<OffsetJump> drainJumps() {
		List<OffsetJump> drained = List.copyOf(this.jumps);
		this.jumps.clear();
		return drained;
	}

	/**
	 * A record further on than the next one: compaction, transaction markers, or an
	 * offset reset. Which of them deleted records is decided against the log start later.
	 * A jump over records the group committed past in the meantime is another member's
	 * work, not a gap.
	 */
	private void noteJump(long offset, long now) {
		long expected = this.lastSeenOffset + 1;
		if (this.lastSeenOffset >= 0 && offset > expected && (this.lastCommitted < 0 || this.lastCommitted <= expected)
				&& this.jumps.size() < MAX_JUMPS) {
			this.jumps.add(new OffsetJump(expected, offset, now));
		}
		this.lastSeenOffset = offset;
	}

	private void moveOnFrom(long offset, long now) {
		if (this.failingOffset >= 0 && offset > this.failingOffset) {
			gaveUp(now);
			clearFailure();
		}
	}

	private void gaveUp(long now) {
		this.givenUp++;
		this.lastGivenUpAt = now;
	}

	private void endCall(long nanos) {
		if (this.inFlightOffset >= 0) {
			long took = nanos - this.inFlightStartNanos;
			this.totalCallNanos += took;
			this.slowestCallNanos = Math.max(this.slowestCallNanos, took);
		}
		this.inFlightOffset = -1;
	}

	private void clearFailure() {
		this.failingOffset = -1;
		this.attempts = 0;
		this.exceptionClass = null;
		this.message = null;
	}

}

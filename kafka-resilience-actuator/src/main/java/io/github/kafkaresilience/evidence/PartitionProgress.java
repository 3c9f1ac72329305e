package io.github.kafkaresilience.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * What one partition's listener calls did in this application. The consumer thread is the
 * only writer of the hot path: plain fields published by an ordered store of the call
 * counters, no lock, no clock read, so that a record costs a few nanoseconds. Record
 * calls are timed by the refresher instead, which sees when a call it saw running last
 * time is still running; batch calls, one per poll, are timed exactly. Failures take a
 * lock: they are rare.
 *
 * @author kafka-resilience
 */
final class PartitionProgress {

	private static final int MAX_JUMPS = 16;

	// Hot path, written by the consumer thread only.

	private final AtomicLong startedCalls = new AtomicLong();

	private final AtomicLong endedCalls = new AtomicLong();

	private long completed;

	private long inFlightOffset = -1;

	private long inFlightTimestamp = -1;

	private long inFlightStartedAt = -1;

	private long inFlightStartNanos;

	private long lastRecordTimestamp = -1;

	private long lastSeenOffset = -1;

	private long completedOffset = -1;

	private long slowestBatchMs;

	private long batchNanos;

	private long batchRecords;

	// Failure path, under the lock.

	private volatile long failingOffset = -1;

	private volatile long lastCommitted = -1;

	private long failures;

	private long givenUp;

	private long lastGivenUpAt = -1;

	private int attempts;

	private long failingSince;

	private @Nullable String exceptionClass;

	private @Nullable String message;

	private final List<OffsetJump> jumps = new ArrayList<>();

	// The refresher's view, under observed.

	private final Object observed = new Object();

	private long seenCall = -1;

	private long seenCallSince;

	private long seenCallLastSeen;

	private long seenCompleted = -1;

	private long lastCompletedAt = -1;

	private long slowestSeenMs;

	/**
	 * A record call starts.
	 */
	void started(long offset, long timestamp) {
		beforeCall(offset);
		this.inFlightOffset = offset;
		this.inFlightTimestamp = timestamp;
		this.inFlightStartedAt = -1;
		this.startedCalls.lazySet(this.startedCalls.get() + 1);
	}

	/**
	 * A batch call starts; timed, since it runs once per poll.
	 */
	void startedBatch(long offset, long timestamp, long now, long nanos) {
		beforeCall(offset);
		this.inFlightOffset = offset;
		this.inFlightTimestamp = timestamp;
		this.inFlightStartedAt = now;
		this.inFlightStartNanos = nanos;
		this.startedCalls.lazySet(this.startedCalls.get() + 1);
	}

	void succeeded(long offset, long timestamp, int records) {
		if (this.failingOffset >= 0 && offset >= this.failingOffset) {
			settleFailure(offset, System.currentTimeMillis());
		}
		this.completed += records;
		this.completedOffset = offset;
		this.lastRecordTimestamp = timestamp;
		endCall(records);
	}

	synchronized void failed(long offset, Throwable exception, long now) {
		this.failures++;
		if (offset != this.failingOffset) {
			if (this.failingOffset >= 0 && offset > this.failingOffset) {
				gaveUp(now);
			}
			this.failingOffset = offset;
			this.attempts = 0;
			this.failingSince = now;
		}
		this.attempts++;
		this.exceptionClass = exception.getClass().getName();
		this.message = FailureMessages.sanitize(exception.getMessage());
		endCall(0);
	}

	/**
	 * The call ended without telling which records completed (a batch failure on another
	 * partition).
	 */
	void abandoned() {
		endCall(0);
	}

	/**
	 * The group committed past the failing record: the error handler recovered it.
	 * @param committed the committed offset
	 * @param now the time
	 */
	synchronized void committed(long committed, long now) {
		this.lastCommitted = committed;
		boolean idle = this.startedCalls.get() == this.endedCalls.get();
		if (this.failingOffset >= 0 && committed > this.failingOffset && idle) {
			gaveUp(now);
			clearFailure();
		}
	}

	/**
	 * What happened so far, as the refresher sees it at {@code now}.
	 * @param now the refresher's time
	 * @return the evidence
	 */
	PartitionEvidence snapshot(long now) {
		long ended = this.endedCalls.get();
		long started = this.startedCalls.get();
		long offset = this.inFlightOffset;
		long timestamp = this.inFlightTimestamp;
		long startedAt = this.inFlightStartedAt;
		long completedNow = this.completed;
		long recordTimestamp = this.lastRecordTimestamp;
		long completedOffset = this.completedOffset;
		PartitionEvidence.Call inFlight = null;
		long completedAt;
		long slowest;
		synchronized (this.observed) {
			if (completedNow != this.seenCompleted) {
				this.lastCompletedAt = now;
				this.seenCompleted = completedNow;
			}
			if (this.seenCall >= 0 && ended >= this.seenCall) {
				// The call seen running before has ended: it ran at least this long.
				this.slowestSeenMs = Math.max(this.slowestSeenMs, this.seenCallLastSeen - this.seenCallSince);
				this.seenCall = -1;
			}
			if (started > ended) {
				if (this.seenCall != started) {
					// First seen running now; a batch call knows when it started.
					this.seenCall = started;
					this.seenCallSince = (startedAt >= 0) ? startedAt : now;
				}
				this.seenCallLastSeen = now;
				inFlight = new PartitionEvidence.Call(offset, this.seenCallSince, timestamp);
			}
			completedAt = this.lastCompletedAt;
			slowest = Math.max(this.slowestSeenMs, this.slowestBatchMs);
		}
		synchronized (this) {
			PartitionEvidence.Failure failure = (this.failingOffset >= 0)
					? new PartitionEvidence.Failure(this.failingOffset, this.attempts, this.failingSince,
							(this.exceptionClass != null) ? this.exceptionClass : "unknown", this.message)
					: null;
			double averageRecordMs = (this.batchRecords > 0) ? this.batchNanos / 1e6 / this.batchRecords : 0;
			return new PartitionEvidence(completedNow, this.failures, this.givenUp, this.lastGivenUpAt, completedAt,
					recordTimestamp, inFlight, failure, Math.max(0, slowest), averageRecordMs,
					(completedOffset >= 0) ? completedOffset + 1 : -1);
		}
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

	private void beforeCall(long offset) {
		if (this.failingOffset >= 0 && offset > this.failingOffset) {
			settleFailure(offset, System.currentTimeMillis());
		}
		noteJump(offset);
	}

	/**
	 * A record further on than the next one: compaction, transaction markers, or an
	 * offset reset. Which of them deleted records is decided against the log start later.
	 * A jump over records the group committed past in the meantime is another member's
	 * work, not a gap.
	 */
	private void noteJump(long offset) {
		long expected = this.lastSeenOffset + 1;
		if (this.lastSeenOffset >= 0 && offset > expected) {
			long committed = this.lastCommitted;
			if (committed < 0 || committed <= expected) {
				addJump(new OffsetJump(expected, offset, System.currentTimeMillis()));
			}
		}
		this.lastSeenOffset = offset;
	}

	private synchronized void addJump(OffsetJump jump) {
		if (this.jumps.size() < MAX_JUMPS) {
			this.jumps.add(jump);
		}
	}

	/**
	 * The failing record either succeeded on a retry or was left behind.
	 */
	private synchronized void settleFailure(long offset, long now) {
		if (this.failingOffset >= 0 && offset >= this.failingOffset) {
			if (offset > this.failingOffset) {
				gaveUp(now);
			}
			clearFailure();
		}
	}

	private void endCall(int records) {
		if (this.inFlightStartedAt >= 0) {
			long took = System.nanoTime() - this.inFlightStartNanos;
			this.slowestBatchMs = Math.max(this.slowestBatchMs, took / 1_000_000);
			if (records > 0) {
				this.batchNanos += took;
				this.batchRecords += records;
			}
			this.inFlightStartedAt = -1;
		}
		this.endedCalls.lazySet(this.startedCalls.get());
	}

	private void gaveUp(long now) {
		this.givenUp++;
		this.lastGivenUpAt = now;
	}

	private void clearFailure() {
		this.failingOffset = -1;
		this.attempts = 0;
		this.exceptionClass = null;
		this.message = null;
	}

}

package io.github.kafkaresilience.evidence;

import org.jspecify.annotations.Nullable;

/**
 * What this application's listener did with one partition, at one moment. Times are epoch
 * milliseconds; {@code -1} means never.
 *
 * @param completed records the listener completed
 * @param failures listener calls that failed
 * @param givenUp records that failed and were then left behind: skipped, or sent to a
 * dead-letter or retry topic by the error handler's recoverer
 * @param lastGivenUpAt when a record was last left behind
 * @param lastCompletedAt when a record last completed
 * @param lastRecordTimestamp the timestamp of the last completed record
 * @param inFlight the listener call running now, or {@code null}
 * @param failure the record that failed last and has not been completed or left behind,
 * or {@code null}
 * @param slowestCallMs the longest listener call so far
 * @param averageRecordMs the average processing time per record
 * @param nextOffset the offset after the last record the listener completed, {@code -1}
 * before it completed one
 * @author kafka-resilience
 */
public record PartitionEvidence(long completed, long failures, long givenUp, long lastGivenUpAt, long lastCompletedAt,
		long lastRecordTimestamp, @Nullable Call inFlight, @Nullable Failure failure, long slowestCallMs,
		double averageRecordMs, long nextOffset) {

	public PartitionEvidence(long completed, long failures, long givenUp, long lastGivenUpAt, long lastCompletedAt,
			long lastRecordTimestamp, @Nullable Call inFlight, @Nullable Failure failure, long slowestCallMs,
			double averageRecordMs) {
		this(completed, failures, givenUp, lastGivenUpAt, lastCompletedAt, lastRecordTimestamp, inFlight, failure,
				slowestCallMs, averageRecordMs, -1);
	}

	/**
	 * The next offset the listener has to process, as far as it saw: a failing record,
	 * the first record of a call still running, or the one after the last completed.
	 * @return the offset, {@code -1} when the listener has not seen a record
	 */
	public long position() {
		if (this.failure != null) {
			return this.failure.offset();
		}
		if (this.inFlight != null) {
			return this.inFlight.offset();
		}
		return this.nextOffset;
	}

	/**
	 * Whether a record the listener has seen is not done: a call running or a record
	 * failing.
	 * @return {@code true} when one is
	 */
	public boolean recordPending() {
		return this.inFlight != null || this.failure != null;
	}

	/**
	 * A listener call that has not returned yet.
	 *
	 * @param offset the first record's offset
	 * @param since when the call started
	 * @param recordTimestamp the record's timestamp
	 */
	public record Call(long offset, long since, long recordTimestamp) {

	}

	/**
	 * A record that keeps failing.
	 *
	 * @param offset the record's offset
	 * @param attempts how many times the listener failed on it
	 * @param since when it first failed
	 * @param exceptionClass the last exception's class name
	 * @param message the last exception's message, shortened and with secrets masked, or
	 * {@code null}
	 */
	public record Failure(long offset, int attempts, long since, String exceptionClass, @Nullable String message) {

	}

}

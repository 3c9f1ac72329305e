package io.github.kafkaresilience.signals;

import org.jspecify.annotations.Nullable;

/**
 * Lag of one partition and its verdict.
 *
 * @param topic the topic
 * @param partition the partition
 * @param committedOffset the group's committed offset, or {@code null} when it never
 * committed
 * @param endOffset the log end offset
 * @param lag records between the committed offset (or the log start when nothing was
 * committed) and the end
 * @param ratePerSecond change of lag across the window in records per second; positive
 * means falling behind
 * @param status the partition's verdict
 * @param owner the member that owns the partition, or {@code null} when none does
 * @param logStartOffset the log start offset, or {@code null} when unknown
 * @param timeBehindMs how far behind in time: the age of the oldest unprocessed record
 * when this application holds it, else lag divided by the rate records arrive (or are
 * consumed, when none arrive); {@code null} when neither is known
 * @param timeBehindSource how the time behind was measured, or {@code null}
 * @param failure the record that keeps failing in this application's listener, or
 * {@code null}
 * @param recordsGivenUp records this application's listener failed on and then left
 * behind (skipped, or sent to a dead-letter or retry topic)
 * @param pausedSinceMs when this application paused the partition, in epoch milliseconds,
 * or {@code null} when it is not paused here
 * @author kafka-resilience
 */
public record PartitionSignals(String topic, int partition, @Nullable Long committedOffset, long endOffset, long lag,
		double ratePerSecond, Verdict status, @Nullable Owner owner, @Nullable Long logStartOffset,
		@Nullable Long timeBehindMs, @Nullable TimeBehindSource timeBehindSource, @Nullable PartitionFailure failure,
		long recordsGivenUp, @Nullable Long pausedSinceMs) {

}

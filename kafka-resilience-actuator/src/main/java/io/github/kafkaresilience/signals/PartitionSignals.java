package io.github.kafkaresilience.signals;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @author kafka-resilience
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PartitionSignals(String topic, int partition, @Nullable Long committedOffset, long endOffset, long lag,
		double ratePerSecond, Verdict status, @Nullable Owner owner) {

}

package io.github.kafkaresilience.signals;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Committed-offset lag of a group over every partition of its topics, owned or not.
 *
 * @param total sum of the partitions' lag
 * @param ratePerSecond change of total lag across the window in records per second;
 * positive means falling behind
 * @param catchUpSeconds estimated seconds until lag reaches zero at the current rate, or
 * {@code null} when lag is not falling
 * @param partitions every partition
 * @author kafka-resilience
 */
public record LagSignals(long total, double ratePerSecond, @Nullable Long catchUpSeconds,
		List<PartitionSignals> partitions) {

	public LagSignals {
		partitions = List.copyOf(partitions);
	}

}

package io.github.kafkaresilience.rebalance;

/**
 * What happened to a consumer's partitions in one rebalance callback.
 *
 * @author kafka-resilience
 */
public enum RebalanceEventType {

	/**
	 * Partitions were handed to the consumer ({@code onPartitionsAssigned}); in the
	 * cooperative protocol the set holds only the newly added partitions and may be
	 * empty.
	 */
	ASSIGNED,

	/**
	 * The consumer gave partitions up in an orderly way ({@code onPartitionsRevoked});
	 * their offsets were committed before they moved.
	 */
	REVOKED,

	/**
	 * The consumer lost partitions without a chance to commit ({@code onPartitionsLost}),
	 * typically after it was evicted for missing {@code session.timeout.ms} or
	 * {@code max.poll.interval.ms}.
	 */
	LOST

}

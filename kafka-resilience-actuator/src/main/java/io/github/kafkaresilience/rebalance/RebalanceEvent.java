package io.github.kafkaresilience.rebalance;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * One rebalance callback seen by one consumer.
 *
 * @param time when the callback started
 * @param type what happened to the partitions
 * @param groupId the consumer group
 * @param clientId the consumer's {@code client.id}
 * @param instanceId the consumer's {@code group.instance.id}, or {@code null} for a
 * dynamic member
 * @param generation the group generation the consumer saw, or {@code -1} when unknown
 * @param partitions the partitions concerned, sorted by topic and partition
 * @param callbackDurationMs time spent in the callback, including the user's own
 * rebalance listener
 * @param pauseMs for {@link RebalanceEventType#ASSIGNED} after a revocation or loss by
 * the same consumer, the time between the two, or {@code -1}
 * @author kafka-resilience
 */
public record RebalanceEvent(Instant time, RebalanceEventType type, String groupId, String clientId,
		@Nullable String instanceId, int generation, List<TopicPartition> partitions, long callbackDurationMs,
		long pauseMs) {

	public RebalanceEvent {
		partitions = List.copyOf(partitions);
	}

}

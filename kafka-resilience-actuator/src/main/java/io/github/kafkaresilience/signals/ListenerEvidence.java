package io.github.kafkaresilience.signals;

import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import org.apache.kafka.common.TopicPartition;

/**
 * What the application sees of one listener's partitions that the broker does not show.
 *
 * @param progress what the listener's calls did, per partition
 * @param pausedSince partitions paused on request, with the epoch milliseconds since when
 * @param positionLag the consumer's own lag per partition (its position against the end
 * it may read: the last stable offset under {@code read_committed}), from the client's
 * {@code records-lag} metric
 * @param readCommitted whether the listener reads with
 * {@code isolation.level=read_committed}
 * @param instrumented whether kafka-resilience records the listener's calls; without it
 * only the broker's view counts
 * @param assignments the partitions each of the listener's consumers holds, by client id:
 * what the application knows of its own members when the broker will not describe the
 * group
 * @param positionLead how far each consumer's position is past the log start, from the
 * client's {@code records-lead} metric: with a known log start, the position itself
 * @author kafka-resilience
 */
public record ListenerEvidence(Map<TopicPartition, PartitionEvidence> progress, Map<TopicPartition, Long> pausedSince,
		Map<TopicPartition, Long> positionLag, boolean readCommitted, boolean instrumented,
		Map<String, Set<TopicPartition>> assignments, Map<TopicPartition, Long> positionLead) {

	/**
	 * No evidence: a listener kafka-resilience does not instrument.
	 */
	public static final ListenerEvidence NONE = new ListenerEvidence(Map.of(), Map.of(), Map.of(), false, false);

	public ListenerEvidence(Map<TopicPartition, PartitionEvidence> progress, Map<TopicPartition, Long> pausedSince,
			Map<TopicPartition, Long> positionLag, boolean readCommitted, boolean instrumented) {
		this(progress, pausedSince, positionLag, readCommitted, instrumented, Map.of());
	}

	public ListenerEvidence(Map<TopicPartition, PartitionEvidence> progress, Map<TopicPartition, Long> pausedSince,
			Map<TopicPartition, Long> positionLag, boolean readCommitted, boolean instrumented,
			Map<String, Set<TopicPartition>> assignments) {
		this(progress, pausedSince, positionLag, readCommitted, instrumented, assignments, Map.of());
	}

	public ListenerEvidence {
		progress = Map.copyOf(progress);
		pausedSince = Map.copyOf(pausedSince);
		positionLag = Map.copyOf(positionLag);
		assignments = Map.copyOf(assignments);
		positionLead = Map.copyOf(positionLead);
	}

}

package io.github.kafkaresilience.producers;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.jspecify.annotations.Nullable;

/**
 * What the broker says about a topic's durability: how many copies each record gets and
 * how many must have it before {@code acks=all} is answered.
 *
 * @param topic the topic
 * @param exists whether the topic exists
 * @param replicationFactor the smallest replication factor among its partitions, or
 * {@code null} when unknown
 * @param minInSyncReplicas {@code min.insync.replicas}, or {@code null} when it could not
 * be read
 * @param uncleanLeaderElection {@code unclean.leader.election.enable}, or {@code null}
 * when it could not be read
 * @param refusal what the broker refused to tell, or {@code null}
 * @author kafka-resilience
 */
public record TopicDurability(String topic, boolean exists, @Nullable Integer replicationFactor,
		@Nullable Integer minInSyncReplicas, @Nullable Boolean uncleanLeaderElection, @Nullable BrokerRefusal refusal) {

	/**
	 * A topic the broker does not know.
	 * @param topic the topic
	 * @return its durability
	 */
	static TopicDurability missing(String topic) {
		return new TopicDurability(topic, false, null, null, null, null);
	}

}

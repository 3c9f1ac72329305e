package io.github.kafkaresilience.signals;

import org.apache.kafka.common.GroupState;

/**
 * Consumers against partitions.
 *
 * @param members members of the group, in every application
 * @param partitions partitions of the group's topics
 * @param idleMembers members with no partition (more consumers than partitions)
 * @param unassignedPartitions partitions without a live owner: no member owns them, or
 * the owner is one of this application's consumers and has stopped
 * @param state the group state as the broker reports it
 * @author kafka-resilience
 */
public record MembershipSignals(int members, int partitions, int idleMembers, int unassignedPartitions,
		GroupState state) {

}

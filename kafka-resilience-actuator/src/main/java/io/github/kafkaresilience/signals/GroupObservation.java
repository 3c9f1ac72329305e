package io.github.kafkaresilience.signals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What the broker said about one group in one refresh.
 *
 * @param groupId the group
 * @param state the group state as the broker describes it
 * @param protocol {@code classic} or {@code consumer}
 * @param members the members and their assignments
 * @param partitions every partition of the group's topics
 * @param committed committed offsets, for partitions that have one
 * @param endOffsets log end offsets
 * @param startOffsets log start offsets
 * @param brokerSettings the heartbeat interval and session timeout the broker applies to
 * a consumer-protocol group, when read
 * @param describeRefusal why the broker would not describe the group, when it refused:
 * then {@code members} holds only this application's own consumers
 * @param brokerRacks the racks the cluster's brokers advertise, {@code null} when not
 * read
 * @param targetAssignmentEpoch the epoch of the assignment the broker computed for a
 * consumer-protocol group, {@code null} for classic groups
 * @author kafka-resilience
 */
public record GroupObservation(String groupId, GroupState state, GroupProtocol protocol, List<Member> members,
		Set<TopicPartition> partitions, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> endOffsets,
		Map<TopicPartition, Long> startOffsets, @Nullable GroupProtocolSettings brokerSettings,
		@Nullable BrokerRefusal describeRefusal, @Nullable Set<String> brokerRacks,
		@Nullable Integer targetAssignmentEpoch) {

	public GroupObservation(String groupId, GroupState state, GroupProtocol protocol, List<Member> members,
			Set<TopicPartition> partitions, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> endOffsets,
			Map<TopicPartition, Long> startOffsets) {
		this(groupId, state, protocol, members, partitions, committed, endOffsets, startOffsets, null, null, null,
				null);
	}

	/**
	 * Whether the broker described the group's members: when it refused, partitions owned
	 * elsewhere have no known owner.
	 * @return {@code true} unless the description was refused
	 */
	public boolean membershipKnown() {
		return this.describeRefusal == null;
	}

	public GroupObservation {
		members = List.copyOf(members);
		partitions = Set.copyOf(partitions);
		committed = Map.copyOf(committed);
		endOffsets = Map.copyOf(endOffsets);
		startOffsets = Map.copyOf(startOffsets);
	}

	/**
	 * The one lag formula: records between the committed offset (the log start when the
	 * group never committed) and the log end, never negative.
	 * @param partition the partition
	 * @return the lag
	 */
	public long lag(TopicPartition partition) {
		long end = this.endOffsets.getOrDefault(partition, 0L);
		Long committed = this.committed.get(partition);
		long from = (committed != null) ? committed : this.startOffsets.getOrDefault(partition, 0L);
		return Math.max(0, end - from);
	}

	/**
	 * A member as the broker describes it.
	 *
	 * @param clientId the member's client id
	 * @param instanceId the member's {@code group.instance.id}, or {@code null}
	 * @param host the member's host
	 * @param assignment the member's partitions
	 * @param memberEpoch the member's epoch in a consumer-protocol group, {@code null}
	 * for classic groups
	 */
	public record Member(String clientId, @Nullable String instanceId, String host, Set<TopicPartition> assignment,
			@Nullable Integer memberEpoch) {

		public Member {
			assignment = Set.copyOf(assignment);
		}

		/**
		 * A member of a classic group, which has no member epoch.
		 * @param clientId the member's client id
		 * @param instanceId the member's {@code group.instance.id}, or {@code null}
		 * @param host the member's host
		 * @param assignment the member's partitions
		 */
		public Member(String clientId, @Nullable String instanceId, String host, Set<TopicPartition> assignment) {
			this(clientId, instanceId, host, assignment, null);
		}

	}

	/**
	 * Members of a consumer-protocol group that have not reached the target assignment
	 * yet: each must give up or take partitions, on its next heartbeat, before the group
	 * is stable again.
	 * @return the members behind, empty for classic groups
	 */
	public List<Member> behindTargetAssignment() {
		Integer target = this.targetAssignmentEpoch;
		if (target == null) {
			return List.of();
		}
		return this.members.stream()
			.filter((member) -> member.memberEpoch() != null && member.memberEpoch() < target)
			.toList();
	}

}

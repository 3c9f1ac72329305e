package io.github.kafkaresilience.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;

/**
 * Cuts one group's observation out of the broker's view of every group.
 *
 * @author kafka-resilience
 */
final class GroupObservations {

	/**
	 * The host of a member known only from this application's own containers.
	 */
	static final String LOCAL_HOST = "(this application)";

	private GroupObservations() {
	}

	static GroupObservation of(String groupId, BrokerView view, List<LocalListener> listeners) {
		ConsumerGroupDescription description = view.descriptions().get(groupId);
		Set<String> groupTopics = view.topicsByGroup().getOrDefault(groupId, Set.of());
		Set<TopicPartition> partitions = new HashSet<>();
		view.partitions().stream().filter((tp) -> groupTopics.contains(tp.topic())).forEach(partitions::add);
		Map<TopicPartition, Long> committed = new HashMap<>();
		view.committed().getOrDefault(groupId, Map.of()).forEach((tp, offset) -> {
			if (partitions.contains(tp)) {
				committed.put(tp, offset);
			}
		});
		List<GroupObservation.Member> members = new ArrayList<>();
		GroupState state = GroupState.UNKNOWN;
		GroupProtocol protocol = LocalListener.protocolOf(listeners);
		BrokerRefusal refusal = view.describeRefusals().get(groupId);
		if (refusal != null) {
			// The broker will not say who the members are: this application's own
			// consumers are still known from their containers.
			for (LocalListener listener : listeners) {
				listener.evidence()
					.assignments()
					.forEach((clientId, assigned) -> members
						.add(new GroupObservation.Member(clientId, null, LOCAL_HOST, assigned)));
			}
		}
		if (description != null) {
			state = description.groupState();
			protocol = (description.type() == GroupType.CONSUMER) ? GroupProtocol.CONSUMER : GroupProtocol.CLASSIC;
			for (MemberDescription member : description.members()) {
				members.add(new GroupObservation.Member(member.clientId(), member.groupInstanceId().orElse(null),
						member.host(), member.assignment().topicPartitions(), member.memberEpoch().orElse(null)));
			}
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		Map<TopicPartition, Long> starts = new HashMap<>();
		for (TopicPartition partition : partitions) {
			ends.put(partition, view.endOffsets().getOrDefault(partition, 0L));
			Long start = view.startOffsets().get(partition);
			if (start != null) {
				starts.put(partition, start);
			}
		}
		return new GroupObservation(groupId, state, protocol, members, partitions, committed, ends, starts,
				view.groupSettings().get(groupId), refusal, view.brokerRacks(),
				(description != null && description.type() == GroupType.CONSUMER)
						? description.targetAssignmentEpoch().orElse(null) : null);
	}

}

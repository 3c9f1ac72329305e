package io.github.kafkaresilience.signals;

import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What one refresh read from the broker for every group of this application.
 *
 * @param descriptions group descriptions, for groups that exist
 * @param committed committed offsets per group
 * @param topicsByGroup the topics of each group
 * @param partitions every partition of those topics
 * @param endOffsets log end offsets
 * @param startOffsets log start offsets
 * @param groupSettings heartbeat interval and session timeout of consumer-protocol
 * groups, as far as read
 * @param describeRefusals groups the broker refused to describe, and why
 * @param brokerRacks the racks the brokers advertise, {@code null} when not read
 * @author kafka-resilience
 */
record BrokerView(Map<String, ConsumerGroupDescription> descriptions, Map<String, Map<TopicPartition, Long>> committed,
		Map<String, Set<String>> topicsByGroup, Set<TopicPartition> partitions, Map<TopicPartition, Long> endOffsets,
		Map<TopicPartition, Long> startOffsets, Map<String, GroupProtocolSettings> groupSettings,
		Map<String, BrokerRefusal> describeRefusals, @Nullable Set<String> brokerRacks) {

}

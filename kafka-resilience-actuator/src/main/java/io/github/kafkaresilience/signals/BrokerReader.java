package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import io.github.kafkaresilience.groupconfig.GroupSettingsReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the broker's view of this application's groups with one shared {@link Admin}
 * client: one group description, one committed-offsets lookup, one topic description and
 * two offset lookups per refresh whatever the number of groups and partitions, each
 * bounded by the request timeout. A client that keeps failing is replaced.
 *
 * @author kafka-resilience
 */
final class BrokerReader {

	private static final int RECREATE_ADMIN_AFTER_FAILURES = 3;

	// Group configs change rarely: read them every few minutes, not every refresh.
	private static final Duration GROUP_SETTINGS_MAX_AGE = Duration.ofMinutes(5);

	private final GroupSettingsReader groupSettings = new GroupSettingsReader(GROUP_SETTINGS_MAX_AGE);

	private final DescribeRefusals refusals = new DescribeRefusals();

	private final BrokerRacks racks = new BrokerRacks(GROUP_SETTINGS_MAX_AGE);

	private final Supplier<Admin> adminFactory;

	private final long timeout;

	private @Nullable Admin admin;

	private int consecutiveFailures;

	BrokerReader(Supplier<Admin> adminFactory, Duration requestTimeout) {
		this.adminFactory = adminFactory;
		this.timeout = requestTimeout.toMillis();
	}

	/**
	 * Read every group's description, offsets and topics.
	 * @param topicsByGroup topics the group's listeners name
	 * @param patternsByGroup topic patterns the group's listeners subscribe to
	 * @param consumerProtocolGroups groups this application's listeners join with
	 * {@code group.protocol=consumer}
	 * @param now the time of the refresh
	 * @return the broker's view
	 * @throws Exception when the broker does not answer in time or refuses
	 */
	BrokerView read(Map<String, Set<String>> topicsByGroup, Map<String, Set<Pattern>> patternsByGroup,
			Set<String> consumerProtocolGroups, Instant now) throws Exception {
		Admin client = admin();
		Set<String> groupIds = topicsByGroup.keySet();
		// Kafka 4 answers "not found" for a group that has not formed yet: no members,
		// not an outage.
		Map<String, BrokerRefusal> refusals = new TreeMap<>();
		Map<String, ConsumerGroupDescription> descriptions = present(
				client
					.describeConsumerGroups(groupIds, new DescribeConsumerGroupsOptions().timeoutMs((int) this.timeout))
					.describedGroups(),
				(groupId, refused) -> refusals.put(groupId, DescribeRefusals.of(groupId, refused)));
		this.refusals.log(refusals);
		Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
		groupIds.forEach((groupId) -> specs.put(groupId, new ListConsumerGroupOffsetsSpec()));
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = get(client
			.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs((int) this.timeout))
			.all());

		Map<String, Set<String>> topics = new TreeMap<>();
		for (String groupId : groupIds) {
			Set<String> groupTopics = new TreeSet<>(topicsByGroup.get(groupId));
			committed.getOrDefault(groupId, Map.of()).keySet().forEach((tp) -> groupTopics.add(tp.topic()));
			ConsumerGroupDescription description = descriptions.get(groupId);
			if (description != null) {
				description.members()
					.forEach((member) -> member.assignment()
						.topicPartitions()
						.forEach((tp) -> groupTopics.add(tp.topic())));
			}
			topics.put(groupId, groupTopics);
		}
		if (patternsByGroup.values().stream().anyMatch((patterns) -> !patterns.isEmpty())) {
			Set<String> names = get(client.listTopics(new ListTopicsOptions().timeoutMs((int) this.timeout)).names());
			patternsByGroup.forEach((groupId,
					patterns) -> patterns.forEach((pattern) -> names.stream()
						.filter((name) -> pattern.matcher(name).matches())
						.forEach(topics.get(groupId)::add)));
		}

		Set<String> allTopics = new TreeSet<>();
		topics.values().forEach(allTopics::addAll);
		// A topic deleted (or not created yet) must not hide the other groups: it simply
		// has no partitions.
		Map<String, TopicDescription> described = allTopics.isEmpty() ? Map.of()
				: present(client.describeTopics(allTopics, new DescribeTopicsOptions().timeoutMs((int) this.timeout))
					.topicNameValues());
		Set<TopicPartition> partitions = new HashSet<>();
		described.values()
			.forEach((topic) -> topic.partitions()
				.forEach((info) -> partitions.add(new TopicPartition(topic.name(), info.partition()))));
		Map<TopicPartition, Long> ends = offsets(client, partitions, OffsetSpec.latest());
		// Log starts of every partition, committed or not: a committed offset below the
		// log start means records were deleted before the group read them.
		Map<TopicPartition, Long> starts = offsets(client, partitions, OffsetSpec.earliest());

		Map<String, Map<TopicPartition, Long>> offsets = new HashMap<>();
		committed.forEach((groupId, byPartition) -> {
			Map<TopicPartition, Long> values = new HashMap<>();
			byPartition.forEach((tp, offset) -> {
				if (offset != null) {
					values.put(tp, offset.offset());
				}
			});
			offsets.put(groupId, values);
		});
		Set<String> consumerGroups = new TreeSet<>(consumerProtocolGroups);
		descriptions.forEach((groupId, description) -> {
			if (description.type() == GroupType.CONSUMER) {
				consumerGroups.add(groupId);
			}
		});
		this.consecutiveFailures = 0;
		return new BrokerView(descriptions, offsets, topics, partitions, ends, starts,
				this.groupSettings.read(client, consumerGroups, now, this.timeout), refusals,
				this.racks.read(client, now, this.timeout));
	}

	/**
	 * Note a failed read; a client that keeps failing may hold stale metadata (a broker
	 * that came back elsewhere, or as a new cluster), so every third failure in a row
	 * closes it and the next read bootstraps a fresh one.
	 */
	void failed() {
		this.consecutiveFailures++;
		if (this.consecutiveFailures % RECREATE_ADMIN_AFTER_FAILURES == 0) {
			close();
		}
	}

	/**
	 * Read the groups' settings afresh on the next refresh: kafka-resilience changed
	 * them.
	 * @param groupIds the groups
	 */
	void groupSettingsChanged(Set<String> groupIds) {
		groupIds.forEach(this.groupSettings::invalidate);
	}

	synchronized void close() {
		Admin client = this.admin;
		this.admin = null;
		if (client != null) {
			client.close(Duration.ofSeconds(1));
		}
	}

	private synchronized Admin admin() {
		Admin client = this.admin;
		if (client == null) {
			client = this.adminFactory.get();
			this.admin = client;
		}
		return client;
	}

	private Map<TopicPartition, Long> offsets(Admin client, Set<TopicPartition> partitions, OffsetSpec spec)
			throws Exception {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		ListOffsetsResult result = client.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) this.timeout));
		Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures = new HashMap<>();
		partitions.forEach((partition) -> futures.put(partition, result.partitionResult(partition)));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		present(futures).forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	/**
	 * The results of one batched request, leaving out entries the broker says do not
	 * exist (or have no leader right now); any other failure fails the refresh.
	 */
	private <K, V> Map<K, V> present(Map<K, KafkaFuture<V>> futures) throws Exception {
		return present(futures, null);
	}

	/**
	 * As {@link #present(Map)}, and an entry the broker refuses for lack of permission is
	 * handed to {@code refused} and left out, when given, instead of failing the refresh.
	 */
	private <K, V> Map<K, V> present(Map<K, KafkaFuture<V>> futures,
			@Nullable BiConsumer<K, AuthorizationException> refused) throws Exception {
		Map<K, V> results = new HashMap<>();
		for (Map.Entry<K, KafkaFuture<V>> entry : futures.entrySet()) {
			try {
				results.put(entry.getKey(), get(entry.getValue()));
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (refused != null && cause instanceof AuthorizationException denied) {
					refused.accept(entry.getKey(), denied);
					continue;
				}
				if (!(cause instanceof GroupIdNotFoundException || cause instanceof UnknownTopicOrPartitionException
						|| cause instanceof LeaderNotAvailableException
						|| cause instanceof NotLeaderOrFollowerException)) {
					throw ex;
				}
			}
		}
		return results;
	}

	private <T> T get(KafkaFuture<T> future) throws Exception {
		// A little slack over the request's own timeout, so the client's error wins over
		// ours.
		return future.get(this.timeout + 500, TimeUnit.MILLISECONDS);
	}

}

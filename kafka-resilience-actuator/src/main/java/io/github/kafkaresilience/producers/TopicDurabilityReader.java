package io.github.kafkaresilience.producers;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.ResourceType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the replication factor, {@code min.insync.replicas} and
 * {@code unclean.leader.election.enable} of topics: one {@code DescribeTopics} and one
 * {@code DescribeConfigs} request per read. Topic settings change rarely, so a read is
 * kept for a while.
 *
 * @author kafka-resilience
 */
final class TopicDurabilityReader {

	private final Duration maxAge;

	private final Map<String, Read> reads = new HashMap<>();

	TopicDurabilityReader(Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * Whether any of these topics is due to be read.
	 * @param topics the topics
	 * @param now the time
	 * @return {@code true} when one was never read or its read is too old
	 */
	synchronized boolean due(Collection<String> topics, Instant now) {
		return topics.stream().anyMatch((topic) -> isDue(topic, now));
	}

	/**
	 * The durability of each topic, read again when older than the maximum age. A topic
	 * the broker did not answer for in time keeps its last read; one it never answered
	 * for is left out.
	 * @param admin the client, or {@code null} when nothing is due
	 * @param topics the topics
	 * @param now the time
	 * @param timeoutMs the request timeout
	 * @return what is known per topic
	 * @throws InterruptedException if interrupted while waiting for the broker
	 */
	synchronized Map<String, TopicDurability> read(@Nullable Admin admin, Set<String> topics, Instant now,
			long timeoutMs) throws InterruptedException {
		List<String> due = topics.stream().filter((topic) -> isDue(topic, now)).sorted().toList();
		if (admin != null && !due.isEmpty()) {
			describe(admin, due, timeoutMs)
				.forEach((topic, durability) -> this.reads.put(topic, new Read(durability, now)));
		}
		Map<String, TopicDurability> known = new HashMap<>();
		for (String topic : topics) {
			Read read = this.reads.get(topic);
			if (read != null) {
				known.put(topic, read.durability());
			}
		}
		return known;
	}

	private boolean isDue(String topic, Instant now) {
		Read read = this.reads.get(topic);
		return read == null || !read.at().plus(this.maxAge).isAfter(now);
	}

	private static Map<String, TopicDurability> describe(Admin admin, List<String> topics, long timeoutMs)
			throws InterruptedException {
		Map<String, KafkaFuture<TopicDescription>> descriptions = admin
			.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
			.topicNameValues();
		Map<ConfigResource, KafkaFuture<Config>> configs = admin
			.describeConfigs(
					topics.stream().map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList(),
					new DescribeConfigsOptions().timeoutMs((int) timeoutMs))
			.values();
		Map<String, TopicDurability> read = new HashMap<>();
		for (String topic : topics) {
			Outcome<TopicDescription> description = outcome(descriptions.get(topic), timeoutMs);
			if (description.timedOut()) {
				continue;
			}
			if (description.missing()) {
				read.put(topic, TopicDurability.missing(topic));
				continue;
			}
			Outcome<Config> config = outcome(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)),
					timeoutMs);
			Integer replication = (description.value() != null) ? description.value()
				.partitions()
				.stream()
				.mapToInt((partition) -> partition.replicas().size())
				.min()
				.orElse(0) : null;
			Config values = config.value();
			BrokerRefusal refusal = (description.refused() != null)
					? new BrokerRefusal(AclOperation.DESCRIBE, ResourceType.TOPIC, topic, description.refused())
					: (config.refused() != null) ? new BrokerRefusal(AclOperation.DESCRIBE_CONFIGS, ResourceType.TOPIC,
							topic, config.refused()) : null;
			read.put(topic, new TopicDurability(topic, true, replication,
					(values != null) ? integer(values.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) : null,
					(values != null) ? bool(values.get(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG)) : null,
					refusal));
		}
		return read;
	}

	private static <T> Outcome<T> outcome(@Nullable KafkaFuture<T> future, long timeoutMs) throws InterruptedException {
		if (future == null) {
			return new Outcome<>(null, false, null, true);
		}
		try {
			return new Outcome<>(future.get(timeoutMs + 500, TimeUnit.MILLISECONDS), false, null, false);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof UnknownTopicOrPartitionException) {
				return new Outcome<>(null, true, null, false);
			}
			if (cause instanceof AuthorizationException) {
				return new Outcome<>(null, false, cause.getClass().getSimpleName(), false);
			}
			return new Outcome<>(null, false, null, true);
		}
		catch (TimeoutException ex) {
			return new Outcome<>(null, false, null, true);
		}
	}

	private static @Nullable Integer integer(@Nullable ConfigEntry entry) {
		return (entry != null && entry.value() != null) ? Integer.valueOf(entry.value().trim()) : null;
	}

	private static @Nullable Boolean bool(@Nullable ConfigEntry entry) {
		return (entry != null && entry.value() != null) ? Boolean.valueOf(entry.value().trim()) : null;
	}

	private record Read(TopicDurability durability, Instant at) {
	}

	/**
	 * One answer of the broker: a value, the topic missing, a refusal, or no answer in
	 * time.
	 */
	private record Outcome<T>(@Nullable T value, boolean missing, @Nullable String refused, boolean timedOut) {
	}

}

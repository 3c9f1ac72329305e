package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Talks to a real broker for tests: topics, records, group descriptions, committed
 * offsets, and the test applications started against it (closed by {@link #closeApps()}).
 */
final class KafkaTestSupport implements AutoCloseable {

	private final String bootstrapServers;

	private final Admin admin;

	private final KafkaProducer<String, String> producer;

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	KafkaTestSupport(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	Admin admin() {
		return this.admin;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Start a consumer application on {@code topic} as {@code group}.
	 */
	ConfigurableApplicationContext start(String topic, String group, String... properties) {
		return track(ConsumerApp.start(this.bootstrapServers, with(topic, group, properties)));
	}

	/**
	 * Start a consumer application with an HTTP server.
	 */
	ConfigurableApplicationContext startWeb(String topic, String group, String... properties) {
		return track(ConsumerApp.startWeb(this.bootstrapServers, with(topic, group, properties)));
	}

	void closeApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
		this.apps.clear();
	}

	String topic(int partitions) {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		get(this.admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
		return name;
	}

	void produce(String topic, int count) {
		produce(topic, 0, count, "value");
	}

	void produce(String topic, int partition, int count, String value) {
		for (int i = 0; i < count; i++) {
			send(topic, partition, value);
		}
	}

	void send(String topic, int partition, String value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	ConsumerGroupDescription describe(String group) {
		return get(this.admin.describeConsumerGroups(List.of(group)).all()).get(group);
	}

	ConsumerGroupDescription awaitStableMembers(String group, int members) {
		await().atMost(Duration.ofSeconds(45)).ignoreExceptions().until(() -> {
			ConsumerGroupDescription description = describe(group);
			return description.groupState() == GroupState.STABLE && description.members().size() == members
					&& description.members()
						.stream()
						.mapToInt((member) -> member.assignment().topicPartitions().size())
						.sum() > 0;
		});
		return describe(group);
	}

	/**
	 * The signals an application shows for a group.
	 */
	static GroupSignals group(ConfigurableApplicationContext app, String group) {
		return app.getBean(ConsumerSignalsCollector.class)
			.snapshot()
			.group(group)
			.orElseThrow(() -> new AssertionError("no signals for " + group));
	}

	long committed(String group, TopicPartition partition) {
		return committed(group).getOrDefault(partition, -1L);
	}

	/**
	 * Every committed offset of a group, in one request.
	 */
	Map<TopicPartition, Long> committed(String group) {
		Map<TopicPartition, Long> committed = new HashMap<>();
		get(this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).forEach((partition, offset) -> {
			if (offset != null) {
				committed.put(partition, offset.offset());
			}
		});
		return committed;
	}

	/**
	 * The next offset of each partition of a topic.
	 */
	Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (int partition = 0; partition < partitions; partition++) {
			request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		get(this.admin.listOffsets(request).all()).forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	/**
	 * Records below the end offsets that no application processed, as
	 * {@code partition@offset}.
	 */
	static Set<String> missing(Collection<Received> received, Map<TopicPartition, Long> ends) {
		Set<String> seen = new HashSet<>();
		received.forEach((app) -> seen.addAll(app.processed()));
		Set<String> missing = new HashSet<>();
		ends.forEach((partition, end) -> {
			for (long offset = 0; offset < end; offset++) {
				String key = partition.partition() + "@" + offset;
				if (!seen.contains(key)) {
					missing.add(key);
				}
			}
		});
		return missing;
	}

	static Collection<String> instanceIds(ConsumerGroupDescription description) {
		return description.members()
			.stream()
			.map(MemberDescription::groupInstanceId)
			.flatMap(Optional::stream)
			.toList();
	}

	@Override
	public void close() {
		closeApps();
		this.producer.close();
		this.admin.close();
	}

	private ConfigurableApplicationContext track(ConfigurableApplicationContext app) {
		this.apps.add(app);
		return app;
	}

	private static String[] with(String topic, String group, String... properties) {
		List<String> all = new ArrayList<>(List.of("app.topic=" + topic, "app.group=" + group));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

	private static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's promises, checked on live consumers through a real broker: what the
 * broker reports about the group, what the rebalance history recorded, and which offsets
 * were committed. Subclasses provide the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveConsumerScenarios {

	private static final String COOPERATIVE = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

	private static final String RANGE = "org.apache.kafka.clients.consumer.RangeAssignor";

	private static final String ON_KUBERNETES = "KUBERNETES_SERVICE_HOST=10.0.0.1";

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	private Admin admin;

	private KafkaProducer<String, String> producer;

	/**
	 * The broker under test.
	 * @return bootstrap servers
	 */
	protected abstract String bootstrapServers();

	/**
	 * Start the broker, if the subclass manages it.
	 */
	protected void startBroker() {
	}

	/**
	 * Stop the broker, if the subclass manages it.
	 */
	protected void stopBroker() {
	}

	@BeforeAll
	void connect() {
		startBroker();
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	@AfterEach
	void stopApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
		this.apps.clear();
	}

	@AfterAll
	void disconnect() {
		this.producer.close();
		this.admin.close();
		stopBroker();
	}

	@Test
	void starterAloneGivesCooperativeAssignmentAndPerConsumerStaticIds() {
		String topic = topic(4);
		String group = "orders-" + topic;
		start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0", "app.concurrency=2");
		ConsumerGroupDescription description = awaitStableMembers(group, 2);
		assertThat(description.partitionAssignor()).isEqualTo("cooperative-sticky");
		assertThat(instanceIds(description)).containsExactlyInAnyOrder("orders-0-orders-0", "orders-0-orders-1");
	}

	@Test
	void disabledStarterShowsKafkasPlainDefaults() {
		String topic = topic(4);
		String group = "plain-" + topic;
		start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0", "app.concurrency=2", "kafka.resilience.enabled=false");
		ConsumerGroupDescription description = awaitStableMembers(group, 2);
		assertThat(description.partitionAssignor()).isEqualTo("range");
		assertThat(description.members()).allSatisfy((member) -> assertThat(member.groupInstanceId()).isEmpty());
	}

	@Test
	void userSettingsWinOnTheBroker() {
		String topic = topic(4);
		String group = "user-" + topic;
		start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				"spring.kafka.consumer.properties[partition.assignment.strategy]=org.apache.kafka.clients.consumer.RoundRobinAssignor",
				"spring.kafka.consumer.properties[group.instance.id]=chosen-by-user");
		ConsumerGroupDescription description = awaitStableMembers(group, 1);
		assertThat(description.partitionAssignor()).isEqualTo("roundrobin");
		// Spring Kafka suffixes each consumer of a container, the user's id included.
		assertThat(instanceIds(description)).containsExactly("chosen-by-user-0");
	}

	@Test
	void newProtocolGroupJoinsAndConsumesWithStarterOn() {
		String topic = topic(2);
		String group = "kip848-" + topic;
		produce(topic, 10);
		ConfigurableApplicationContext app = start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				"spring.kafka.consumer.properties[group.protocol]=consumer");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(app.getBean(Received.class).processed()).hasSize(10));
		ConsumerGroupDescription description = describe(group);
		assertThat(description.type()).isEqualTo(GroupType.CONSUMER);
		assertThat(instanceIds(description)).containsExactly("orders-0-orders-0");
	}

	@Test
	void secondMemberJoiningCooperativeGroupDoesNotRevokePartitionsThatStay() {
		RevocationOutcome outcome = joinSecondMember(COOPERATIVE);
		assertThat(outcome.revoked()).as("revoked in %s", outcome.events()).hasSize(2);
		assertThat(outcome.kept()).hasSize(2).doesNotContainAnyElementsOf(outcome.revoked());
		assertThat(outcome.lost()).isEmpty();
	}

	@Test
	void secondMemberJoiningEagerGroupRevokesEverything() {
		RevocationOutcome outcome = joinSecondMember(RANGE);
		assertThat(outcome.revoked()).hasSize(4).containsAll(outcome.kept());
	}

	@Test
	void gracefulStopFinishesTheInFlightBatchAndCommitsIt() {
		String topic = topic(1);
		String group = "graceful-" + topic;
		produce(topic, 20);
		ConfigurableApplicationContext first = start(topic, group, "kafka.resilience.static-membership.mode=never",
				"kafka.resilience.consumer.max-poll-records=20", "app.delay=100ms");
		Received received = first.getBean(Received.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> !received.started().isEmpty());
		first.close();
		assertThat(received.processed()).hasSize(20);
		assertThat(committed(group, new TopicPartition(topic, 0))).isEqualTo(20);

		ConfigurableApplicationContext second = start(topic, group, "kafka.resilience.static-membership.mode=never");
		produce(topic, 1);
		Received next = second.getBean(Received.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> !next.processed().isEmpty());
		assertThat(next.started()).containsExactly("0@20");
	}

	@Test
	void staticMemberLeavesTheGroupOnGracefulStop() {
		String topic = topic(2);
		String group = "leave-" + topic;
		ConfigurableApplicationContext app = start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0");
		awaitStableMembers(group, 1);
		app.close();
		assertThat(describe(group).members()).isEmpty();
	}

	@Test
	void staticMemberStaysInTheGroupWhenLeavingIsTurnedOff() {
		String topic = topic(2);
		String group = "stay-" + topic;
		ConfigurableApplicationContext app = start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				"kafka.resilience.shutdown.leave-group=false");
		awaitStableMembers(group, 1);
		app.close();
		assertThat(instanceIds(describe(group))).containsExactly("orders-0-orders-0");
	}

	@Test
	void fencedInstanceIdIsRecordedWithTheFix() {
		String topic = topic(2);
		String group = "fenced-" + topic;
		ConfigurableApplicationContext first = start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0");
		awaitStableMembers(group, 1);
		start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0");
		ConsumerIncidents incidents = first.getBean(ConsumerIncidents.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(incidents.forGroup(group)).anySatisfy((incident) -> {
				assertThat(incident.kind()).isEqualTo(ConsumerIncident.Kind.FENCED_INSTANCE_ID);
				assertThat(incident.instanceId()).isEqualTo("orders-0-orders-0");
				assertThat(incident.message()).contains("unique id");
			}));
	}

	private RevocationOutcome joinSecondMember(String assignor) {
		String topic = topic(4);
		String group = "join-" + topic;
		String strategy = "kafka.resilience.consumer.partition-assignment-strategy=" + assignor;
		ConfigurableApplicationContext first = start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0", strategy);
		awaitStableMembers(group, 1);
		start(topic, group, ON_KUBERNETES, "POD_NAME=orders-1", strategy);
		ConsumerGroupDescription description = awaitStableMembers(group, 2);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> describe(group).members()
				.stream()
				.allMatch((member) -> member.assignment().topicPartitions().size() == 2));
		description = describe(group);
		Set<TopicPartition> kept = description.members()
			.stream()
			.filter((member) -> member.groupInstanceId().equals(Optional.of("orders-0-orders-0")))
			.flatMap((member) -> member.assignment().topicPartitions().stream())
			.collect(Collectors.toSet());
		RebalanceHistory history = first.getBean(RebalanceHistory.class);
		return new RevocationOutcome(partitions(history.events(group), RebalanceEventType.REVOKED),
				partitions(history.events(group), RebalanceEventType.LOST), kept, history.events(group));
	}

	private static Set<TopicPartition> partitions(List<RebalanceEvent> events, RebalanceEventType type) {
		return events.stream()
			.filter((event) -> event.type() == type)
			.flatMap((event) -> event.partitions().stream())
			.collect(Collectors.toCollection(() -> new TreeSet<>(
					Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition))));
	}

	private ConfigurableApplicationContext start(String topic, String group, String... properties) {
		List<String> all = new ArrayList<>(List.of("app.topic=" + topic, "app.group=" + group));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext app = ConsumerApp.start(bootstrapServers(), all.toArray(String[]::new));
		this.apps.add(app);
		return app;
	}

	private String topic(int partitions) {
		String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
		try {
			this.admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		return name;
	}

	private void produce(String topic, int count) {
		try {
			for (int i = 0; i < count; i++) {
				this.producer.send(new ProducerRecord<>(topic, 0, "key-" + i, "value-" + i)).get();
			}
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ConsumerGroupDescription describe(String group) {
		try {
			return this.admin.describeConsumerGroups(List.of(group)).all().get().get(group);
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ConsumerGroupDescription awaitStableMembers(String group, int members) {
		await().atMost(Duration.ofSeconds(45)).until(() -> {
			ConsumerGroupDescription description = describe(group);
			return description.groupState() == GroupState.STABLE && description.members().size() == members
					&& description.members()
						.stream()
						.mapToInt((member) -> member.assignment().topicPartitions().size())
						.sum() > 0;
		});
		return describe(group);
	}

	private long committed(String group, TopicPartition partition) {
		try {
			Map<TopicPartition, OffsetAndMetadata> offsets = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			OffsetAndMetadata offset = offsets.get(partition);
			return (offset != null) ? offset.offset() : -1;
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Collection<String> instanceIds(ConsumerGroupDescription description) {
		return description.members()
			.stream()
			.map(MemberDescription::groupInstanceId)
			.flatMap(Optional::stream)
			.toList();
	}

	private record RevocationOutcome(Set<TopicPartition> revoked, Set<TopicPartition> lost, Set<TopicPartition> kept,
			List<RebalanceEvent> events) {

	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's promises, checked on live consumers through a real broker: what the
 * broker reports about the group, what the rebalance history recorded, and which offsets
 * were committed. Subclasses provide the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class LiveConsumerScenarios {

	private static final String COOPERATIVE = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

	private static final String RANGE = "org.apache.kafka.clients.consumer.RangeAssignor";

	private static final String ON_KUBERNETES = "KUBERNETES_SERVICE_HOST=10.0.0.1";

	private KafkaTestSupport kafka;

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
		this.kafka = new KafkaTestSupport(bootstrapServers());
	}

	@AfterEach
	void stopApps() {
		this.kafka.closeApps();
	}

	@AfterAll
	void disconnect() {
		this.kafka.close();
		stopBroker();
	}

	@Test
	void starterAloneGivesCooperativeAssignmentAndPerConsumerStaticIds() {
		String topic = this.kafka.topic(4);
		String group = "orders-" + topic;
		this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0", "app.concurrency=2");
		ConsumerGroupDescription description = this.kafka.awaitStableMembers(group, 2);
		assertThat(description.partitionAssignor()).isEqualTo("cooperative-sticky");
		assertThat(KafkaTestSupport.instanceIds(description)).containsExactlyInAnyOrder("orders-0-orders-0",
				"orders-0-orders-1");
	}

	@Test
	void disabledStarterShowsKafkasPlainDefaults() {
		String topic = this.kafka.topic(4);
		String group = "plain-" + topic;
		this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0", "app.concurrency=2",
				"kafka.resilience.enabled=false");
		ConsumerGroupDescription description = this.kafka.awaitStableMembers(group, 2);
		assertThat(description.partitionAssignor()).isEqualTo("range");
		assertThat(description.members()).allSatisfy((member) -> assertThat(member.groupInstanceId()).isEmpty());
	}

	@Test
	void userSettingsWinOnTheBroker() {
		String topic = this.kafka.topic(4);
		String group = "user-" + topic;
		this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				"spring.kafka.consumer.properties[partition.assignment.strategy]=org.apache.kafka.clients.consumer.RoundRobinAssignor",
				"spring.kafka.consumer.properties[group.instance.id]=chosen-by-user");
		ConsumerGroupDescription description = this.kafka.awaitStableMembers(group, 1);
		assertThat(description.partitionAssignor()).isEqualTo("roundrobin");
		// Spring Kafka suffixes each consumer of a container, the user's id included.
		assertThat(KafkaTestSupport.instanceIds(description)).containsExactly("chosen-by-user-0");
	}

	@Test
	void newProtocolGroupJoinsAndConsumesWithStarterOn() {
		String topic = this.kafka.topic(2);
		String group = "kip848-" + topic;
		this.kafka.produce(topic, 10);
		ConfigurableApplicationContext app = this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				"spring.kafka.consumer.properties[group.protocol]=consumer");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(app.getBean(Received.class).processed()).hasSize(10));
		ConsumerGroupDescription description = this.kafka.describe(group);
		assertThat(description.type()).isEqualTo(GroupType.CONSUMER);
		assertThat(KafkaTestSupport.instanceIds(description)).containsExactly("orders-0-orders-0");
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
		String topic = this.kafka.topic(1);
		String group = "graceful-" + topic;
		this.kafka.produce(topic, 20);
		ConfigurableApplicationContext first = this.kafka.start(topic, group,
				"kafka.resilience.static-membership.mode=never", "kafka.resilience.consumer.max-poll-records=20",
				"app.delay=100ms");
		Received received = first.getBean(Received.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> !received.started().isEmpty());
		first.close();
		assertThat(received.processed()).hasSize(20);
		assertThat(this.kafka.committed(group, new TopicPartition(topic, 0))).isEqualTo(20);

		ConfigurableApplicationContext second = this.kafka.start(topic, group,
				"kafka.resilience.static-membership.mode=never");
		this.kafka.produce(topic, 1);
		Received next = second.getBean(Received.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> !next.processed().isEmpty());
		assertThat(next.started()).containsExactly("0@20");
	}

	@Test
	void gracefulStopGivesUpAfterItsTimeoutAndNamesTheLateContainer(CapturedOutput output) {
		String topic = this.kafka.topic(1);
		ConfigurableApplicationContext app = this.kafka.start(topic, "late-" + topic,
				"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=1s");
		ConsumerApp.Control control = app.getBean(ConsumerApp.Control.class);
		control.block();
		try {
			this.kafka.produce(topic, 1);
			Received received = app.getBean(Received.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> !received.started().isEmpty());
			app.close();
			assertThat(output).contains("listener container(s) [orders] did not finish their in-flight records "
					+ "within kafka.resilience.shutdown.timeout (1000 ms)");
		}
		finally {
			control.release();
		}
	}

	@Test
	void staticMemberLeavesTheGroupOnGracefulStop() {
		String topic = this.kafka.topic(2);
		String group = "leave-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0");
		this.kafka.awaitStableMembers(group, 1);
		app.close();
		assertThat(this.kafka.describe(group).members()).isEmpty();
	}

	@Test
	void staticMemberStaysInTheGroupWhenLeavingIsTurnedOff() {
		String topic = this.kafka.topic(2);
		String group = "stay-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				"kafka.resilience.shutdown.leave-group=false");
		this.kafka.awaitStableMembers(group, 1);
		app.close();
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(group))).containsExactly("orders-0-orders-0");
	}

	@Test
	void fencedInstanceIdIsRecordedWithTheFix() {
		String topic = this.kafka.topic(2);
		String group = "fenced-" + topic;
		ConfigurableApplicationContext first = this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0");
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0");
		ConsumerIncidents incidents = first.getBean(ConsumerIncidents.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(incidents.forGroup(group)).anySatisfy((incident) -> {
				assertThat(incident.kind()).isEqualTo(ConsumerIncident.Kind.FENCED_INSTANCE_ID);
				assertThat(incident.instanceId()).isEqualTo("orders-0-orders-0");
				assertThat(incident.message()).contains("unique id");
			}));
	}

	private RevocationOutcome joinSecondMember(String assignor) {
		String topic = this.kafka.topic(4);
		String group = "join-" + topic;
		String strategy = "kafka.resilience.consumer.partition-assignment-strategy=" + assignor;
		ConfigurableApplicationContext first = this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-0",
				strategy);
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=orders-1", strategy);
		ConsumerGroupDescription description = this.kafka.awaitStableMembers(group, 2);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.kafka.describe(group)
				.members()
				.stream()
				.allMatch((member) -> member.assignment().topicPartitions().size() == 2));
		description = this.kafka.describe(group);
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

	private record RevocationOutcome(Set<TopicPartition> revoked, Set<TopicPartition> lost, Set<TopicPartition> kept,
			List<RebalanceEvent> events) {

	}

}

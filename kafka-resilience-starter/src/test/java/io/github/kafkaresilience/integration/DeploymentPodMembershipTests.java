package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.github.kafkaresilience.integration.KafkaTestSupport.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Deployment pod's name on the classic protocol, on a real broker: it survives a
 * container restarted in place after a crash, so the restarted consumer takes its
 * partitions back under its pod-scoped {@code group.instance.id} without a rebalance, and
 * a graceful stop still leaves the group at once.
 */
class DeploymentPodMembershipTests extends EmbeddedBrokerTests {

	private static final String ON_KUBERNETES = "KUBERNETES_SERVICE_HOST=10.0.0.1";

	private static final String CRASHED_POD = "orders-7d9f8b6c5d-x2k4q";

	// Longer than the starter's 10 s so that a slow machine's restart cannot outlast it;
	// the default itself is the resolver's to test.
	private static final String SESSION = "30000";

	@Test
	void containerKilledAndRestartedInItsPodTakesItsPartitionsBackWithoutARebalance() throws Exception {
		String topic = this.kafka.topic(4);
		String group = "pod-crash-" + topic;
		String[] survivorPod = { ON_KUBERNETES, "POD_NAME=orders-7d9f8b6c5d-b7m9p",
				"kafka.resilience.consumer.session-timeout=30s" };
		ConfigurableApplicationContext survivor = this.kafka.start(topic, group, survivorPod);
		this.kafka.awaitStableMembers(group, 1);
		// The id the application derives below: pod name, listener id, consumer index.
		String crashedId = CRASHED_POD + "-orders-0";
		KilledMember.joinAndKill(this.kafka.bootstrapServers(), group, topic, crashedId,
				Map.of("group.protocol", "classic", "partition.assignment.strategy",
						"org.apache.kafka.clients.consumer.CooperativeStickyAssignor", "session.timeout.ms", SESSION,
						"heartbeat.interval.ms", "250"));
		// The killed member owned two partitions: the group is stable and waits for
		// nobody
		// once the survivor has run the callbacks of its two remaining ones.
		MessageListenerContainer container = survivor.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("orders");
		await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(owned(group, "orders-7d9f8b6c5d-b7m9p")).hasSize(2);
			assertThat(container.getAssignedPartitions()).hasSize(2);
		});
		long rebalancesBefore = group(survivor, group).rebalances().total();
		Set<TopicPartition> crashedPartitions = owned(group, CRASHED_POD);
		assertThat(crashedPartitions).hasSize(2);

		ConfigurableApplicationContext restarted = this.kafka.start(topic, group, ON_KUBERNETES,
				"POD_NAME=" + CRASHED_POD, "kafka.resilience.consumer.session-timeout=30s");
		for (TopicPartition partition : crashedPartitions) {
			this.kafka.produce(topic, partition.partition(), 5, "value");
		}
		await().atMost(Duration.ofSeconds(25))
			.untilAsserted(() -> assertThat(restarted.getBean(Received.class).processed()).hasSize(10));
		assertThat(owned(group, CRASHED_POD)).isEqualTo(crashedPartitions);
		// The broker handed the killed member's assignment to its restart: the survivor
		// went through no rebalance at all.
		assertThat(group(survivor, group).rebalances().total()).isEqualTo(rebalancesBefore);
	}

	@Test
	void podStoppedGracefullyLeavesSoItsPartitionsMoveAtOnce() {
		String topic = this.kafka.topic(2);
		String group = "pod-leave-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group, ON_KUBERNETES, "POD_NAME=" + CRASHED_POD);
		assertThat(KafkaTestSupport.instanceIds(this.kafka.awaitStableMembers(group, 1)))
			.containsExactly(CRASHED_POD + "-orders-0");
		app.close();
		// A rollout's replaced pod never comes back for this id: nothing may wait for it.
		assertThat(this.kafka.describe(group).members()).isEmpty();
	}

	private Set<TopicPartition> owned(String group, String pod) {
		return this.kafka.describe(group)
			.members()
			.stream()
			.filter((member) -> member.groupInstanceId().orElse("").startsWith(pod))
			.map(MemberDescription::assignment)
			.flatMap((assignment) -> assignment.topicPartitions().stream())
			.collect(Collectors.toSet());
	}

}

package io.github.kafkaresilience.integration;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.Verdict;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static io.github.kafkaresilience.integration.KafkaTestSupport.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership on the consumer group protocol (KIP-848), on a real broker: the group's
 * reconciliation read as REBALANCING, rebalances counted once per assignment epoch
 * whatever the number of incremental callbacks, static members leaving or staying on a
 * stop as configured, a refused static id reported like a fenced one and tried again, and
 * the id of a killed member reclaimed by its restart.
 */
class ConsumerProtocolMembershipTests extends EmbeddedBrokerTests {

	private static final String[] CONSUMER_PROTOCOL = { "spring.kafka.consumer.properties[group.protocol]=consumer",
			"kafka.resilience.signals.refresh-interval=500ms", "kafka.resilience.signals.window=4s",
			"kafka.resilience.shutdown.timeout=5s" };

	private static final String DYNAMIC = "kafka.resilience.static-membership.mode=never";

	@Test
	void groupWaitingForAMemberToReleasePartitionsIsRebalancing() {
		String topic = this.kafka.topic(4);
		String group = "kip848-reconciling-" + topic;
		ConfigurableApplicationContext blocked = this.kafka.start(topic, group, with(DYNAMIC));
		awaitConsumerGroup(group, 1);
		ConsumerApp.Control control = blocked.getBean(ConsumerApp.Control.class);
		control.block();
		try {
			// The blocked member holds a record in its listener, so it cannot run the
			// revocation the broker asks of it when a second member joins.
			this.kafka.produce(topic, 0, 1, "value");
			this.kafka.produce(topic, 1, 1, "value");
			this.kafka.produce(topic, 2, 1, "value");
			this.kafka.produce(topic, 3, 1, "value");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(blocked.getBean(Received.class).started()).isNotEmpty());
			ConfigurableApplicationContext joining = this.kafka.start(topic, group, with(DYNAMIC));
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				GroupSignals seen = group(joining, group);
				assertThat(seen.membership().state()).isIn(GroupState.RECONCILING, GroupState.ASSIGNING);
				assertThat(seen.status()).isEqualTo(Verdict.REBALANCING);
			});
			// The member epochs against the target assignment's name who the group waits
			// for.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				GroupSignals seen = group(joining, group);
				assertThat(seen.membership().state()).isEqualTo(GroupState.RECONCILING);
				assertThat(seen.diagnosis()).contains("have not reached the target assignment (epoch")
					.contains("not polling");
			});
		}
		finally {
			control.release();
		}
	}

	@Test
	void aMemberJoiningCountsOneRebalanceHoweverManyCallbacksItTakes() {
		String topic = this.kafka.topic(4);
		String group = "kip848-count-" + topic;
		ConfigurableApplicationContext first = this.kafka.start(topic, group, with(DYNAMIC));
		awaitConsumerGroup(group, 1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rebalances(first, group)).isPositive());
		long before = rebalances(first, group);
		this.kafka.start(topic, group, with(DYNAMIC));
		awaitConsumerGroup(group, 2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(rebalances(first, group)).isGreaterThan(before));
		List<RebalanceEventType> events = new ArrayList<>();
		group(first, group).rebalances().recent().forEach((event) -> events.add(event.type()));
		// Giving up two partitions takes a revocation and an assignment callback (and
		// possibly an empty one) under one new member epoch: one rebalance.
		assertThat(rebalances(first, group)).as("events %s", events).isEqualTo(before + 1);
	}

	@Test
	void staticMemberLeavesOnStopWhenConfiguredAndStaysOtherwise() {
		String topic = this.kafka.topic(2);
		String leaving = "kip848-leave-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, leaving,
				with("kafka.resilience.static-membership.mode=always",
						"kafka.resilience.static-membership.instance-id=orders-0"));
		awaitConsumerGroup(leaving, 1);
		app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("orders").stop();
		// Gone at once, not after the broker's 45 s session timeout.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.kafka.describe(leaving).members()).isEmpty());

		String staying = "kip848-stay-" + topic;
		ConfigurableApplicationContext parked = this.kafka.start(topic, staying,
				with("kafka.resilience.static-membership.mode=always",
						"kafka.resilience.static-membership.instance-id=orders-1",
						"kafka.resilience.shutdown.leave-group=false"));
		awaitConsumerGroup(staying, 1);
		parked.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("orders").stop();
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(staying))).containsExactly("orders-1-orders-0");
	}

	@Test
	void podKilledAndRestartedUnderItsNameIsBackBeforeTheBrokerWouldReleaseItsId() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "kip848-killed-" + topic;
		// The id the application derives below: instance id, listener id, consumer index.
		KilledMember.joinAndKill(this.kafka.bootstrapServers(), group, topic, "orders-0-orders-0");
		// The broker keeps the killed member for its 45 s session.
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(group))).containsExactly("orders-0-orders-0");
		ConfigurableApplicationContext restarted = this.kafka.start(topic, group,
				with("kafka.resilience.static-membership.mode=always",
						"kafka.resilience.static-membership.instance-id=orders-0"));
		this.kafka.produce(topic, 10);
		await().atMost(Duration.ofSeconds(25))
			.untilAsserted(() -> assertThat(restarted.getBean(Received.class).processed()).hasSize(10));
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(group))).containsExactly("orders-0-orders-0");
		// A recovery, not an incident: nothing for health to go DOWN on.
		assertThat(group(restarted, group).findings())
			.noneSatisfy((finding) -> assertThat(finding.code()).isEqualTo("unreleased-instance-id"));
	}

	@Test
	void liveMemberDisplacedByANewcomerWithItsIdIsFencedAndHealthSaysWhy() {
		String topic = this.kafka.topic(2);
		String group = "kip848-displaced-" + topic;
		String[] sameId = with("kafka.resilience.static-membership.mode=always",
				"kafka.resilience.static-membership.instance-id=orders-0");
		ConfigurableApplicationContext first = this.kafka.startWeb(topic, group, sameId);
		awaitConsumerGroup(group, 1);
		ConfigurableApplicationContext second = this.kafka.start(topic, group, sameId);
		// The newest of two members with one id wins, as on the classic protocol.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> assertThat(Http.get(first, "/actuator/health").body()).contains("\"status\":\"DOWN\"")
				.contains("another consumer took its group.instance.id"));
		this.kafka.produce(topic, 10);
		await().atMost(Duration.ofSeconds(25))
			.untilAsserted(() -> assertThat(second.getBean(Received.class).processed()).hasSize(10));
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(group))).containsExactly("orders-0-orders-0");
	}

	@Test
	void consumerRefusedForAHeldIdSaysWhyAndJoinsOnceTheIdIsReleased() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "kip848-twins-" + topic;
		String[] sameId = with("kafka.resilience.static-membership.mode=always",
				"kafka.resilience.static-membership.instance-id=orders-0",
				"kafka.resilience.static-membership.reclaim-held-id=false");
		ConfigurableApplicationContext first = this.kafka.start(topic, group, sameId);
		awaitConsumerGroup(group, 1);
		ConfigurableApplicationContext second = this.kafka.startWeb(topic, group, sameId);
		// A first request to a fresh server on a busy machine may exceed the client's 2
		// s.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> {
				String health = Http.get(second, "/actuator/health").body();
				assertThat(health).contains("\"status\":\"DOWN\"")
					.contains("the broker still holds a member with this group.instance.id")
					.contains("It tries again every 5 s");
				assertThat(group(second, group).findings())
					.anySatisfy((finding) -> assertThat(finding.code()).isEqualTo("unreleased-instance-id"));
			});
		// Without removal the first member keeps its place...
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(group))).containsExactly("orders-0-orders-0");
		// ...until it leaves: the refused consumer, tried again, takes over.
		first.close();
		this.kafka.produce(topic, 10);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(second.getBean(Received.class).processed()).hasSize(10));
	}

	private void awaitConsumerGroup(String group, int members) {
		ConsumerGroupDescription description = this.kafka.awaitStableMembers(group, members);
		assertThat(description.type()).isEqualTo(GroupType.CONSUMER);
	}

	private static long rebalances(ConfigurableApplicationContext app, String group) {
		return group(app, group).rebalances().total();
	}

	private static String[] with(String... properties) {
		List<String> all = new ArrayList<>(List.of(CONSUMER_PROTOCOL));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live group moved from the classic protocol to the consumer protocol (KIP-848) by a
 * rolling deploy, one member at a time while records keep arriving, and back again: the
 * broker converts the group online while members are mixed, and no record is lost either
 * way. How long partitions wait during such a roll is measured by the rolling-restart
 * benchmark (docs/benchmarks.md), not here.
 */
class ProtocolMigrationOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final String[] COMMON = { "kafka.resilience.static-membership.mode=never",
			"kafka.resilience.shutdown.timeout=5s", "kafka.resilience.signals.refresh-interval=500ms",
			"kafka.resilience.signals.window=4s" };

	private static final String CONSUMER = "spring.kafka.consumer.properties[group.protocol]=consumer";

	@Test
	void rollingDeployMovesALiveGroupToTheConsumerProtocolAndBackWithoutLosingARecord() throws Exception {
		String topic = this.kafka.topic(4);
		String group = "migrate-" + topic;
		List<Received> received = new ArrayList<>();
		List<ConfigurableApplicationContext> running = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			running.add(start(topic, group, received));
		}
		this.kafka.awaitStableMembers(group, 2);
		assertThat(this.kafka.describe(group).type()).isEqualTo(GroupType.CLASSIC);
		try (SteadyTraffic traffic = new SteadyTraffic(this.kafka.bootstrapServers(), topic, 4, 50)) {
			roll(topic, group, running, received, CONSUMER);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(this.kafka.describe(group).type()).isEqualTo(GroupType.CONSUMER);
				assertThat(this.kafka.describe(group).members()).hasSize(2);
			});
			roll(topic, group, running, received);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(this.kafka.describe(group).type()).isEqualTo(GroupType.CLASSIC);
				assertThat(this.kafka.describe(group).members()).hasSize(2);
			});
		}
		Map<TopicPartition, Long> ends = this.kafka.endOffsets(topic, 4);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(KafkaTestSupport.missing(received, ends)).isEmpty());
		assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).as("records produced").isGreaterThan(100);
	}

	/**
	 * Replace each running instance with one started with the given extra properties,
	 * waiting for the new one to consume before the next goes, as a rolling deploy does.
	 */
	private void roll(String topic, String group, List<ConfigurableApplicationContext> running, List<Received> received,
			String... properties) {
		for (int i = 0; i < running.size(); i++) {
			running.get(i).close();
			ConfigurableApplicationContext next = start(topic, group, received, properties);
			running.set(i, next);
			Received seen = next.getBean(Received.class);
			await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(seen.processed()).isNotEmpty());
		}
	}

	private ConfigurableApplicationContext start(String topic, String group, List<Received> received,
			String... properties) {
		List<String> all = new ArrayList<>(List.of(COMMON));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext app = this.kafka.start(topic, group, all.toArray(String[]::new));
		received.add(app.getBean(Received.class));
		return app;
	}

}

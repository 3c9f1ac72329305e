package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer faults, secrets and exposure, each on a real broker: what the user sees and
 * what they are told to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultsOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final String SENTINEL = "S3ntinel-Secret-4711";

	private static final String[] FAST_SIGNALS = { "kafka.resilience.signals.refresh-interval=500ms",
			"kafka.resilience.signals.window=4s", "kafka.resilience.shutdown.timeout=5s" };

	@Test
	void twoInstancesWithOneInstanceIdFenceOneAndHealthSaysWhy() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "twins-" + topic;
		String[] sameId = { "kafka.resilience.static-membership.mode=always",
				"kafka.resilience.static-membership.instance-id=orders-0" };
		ConfigurableApplicationContext first = this.kafka.startWeb(topic, group, with(sameId));
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.start(topic, group, with(sameId));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String health = Http.get(first, "/actuator/health").body();
			assertThat(health).contains("\"status\":\"DOWN\"")
				.contains("group.instance.id")
				.contains("Give every consumer a unique id");
		});
	}

	@Test
	void batchOutlivingMaxPollIntervalShowsTheEvictionAndTheFix() {
		String topic = this.kafka.topic(1);
		String group = "evicted-" + topic;
		this.kafka.produce(topic, 40);
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				with("spring.kafka.consumer.properties[max.poll.interval.ms]=2000",
						"kafka.resilience.consumer.max-poll-records=10", "app.delay=400ms",
						"kafka.resilience.static-membership.mode=never"));
		RebalanceHistory history = app.getBean(RebalanceHistory.class);
		await().atMost(Duration.ofSeconds(40)).until(() -> history.total(group, RebalanceEventType.LOST) > 0);
		// Spring Kafka follows a loss with its own revocation of the same partitions; it
		// is not a second event.
		assertThat(history.total(group, RebalanceEventType.REVOKED)).isZero();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			GroupSignals signals = app.getBean(ConsumerSignalsCollector.class).snapshot().group(group).orElseThrow();
			assertThat(signals.findings()).anySatisfy((finding) -> {
				assertThat(finding.code()).isEqualTo("partitions-lost");
				assertThat(finding.message()).contains("max.poll.interval.ms (2000 ms")
					.contains("longest time between polls")
					.contains("Lower max.poll.records");
			});
		});
	}

	@Test
	void slowBatchWithinTheStartersDefaultsIsNotEvicted() {
		String topic = this.kafka.topic(1);
		String group = "steady-" + topic;
		this.kafka.produce(topic, 40);
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				with("kafka.resilience.consumer.max-poll-records=10", "app.delay=400ms",
						"kafka.resilience.static-membership.mode=never"));
		Received received = app.getBean(Received.class);
		await().atMost(Duration.ofSeconds(40)).until(() -> received.processed().size() >= 20);
		RebalanceHistory history = app.getBean(RebalanceHistory.class);
		assertThat(history.total(group, RebalanceEventType.LOST)).isZero();
		assertThat(history.rebalances(group)).isEqualTo(1);
	}

	@Test
	void secretsNeverAppearInEndpointHealthMetricsOrLogs(CapturedOutput output) throws Exception {
		String topic = this.kafka.topic(1);
		String group = "secrets-" + topic;
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, group, with(
				"spring.kafka.properties[sasl.jaas.config]=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
						+ SENTINEL + "\";",
				"spring.kafka.properties[ssl.keystore.password]=" + SENTINEL,
				"spring.kafka.properties[ssl.key.password]=" + SENTINEL,
				"spring.kafka.properties[ssl.truststore.password]=" + SENTINEL,
				"spring.kafka.properties[basic.auth.user.info]=user:" + SENTINEL,
				"spring.kafka.consumer.properties[my.api.token]=" + SENTINEL,
				"spring.kafka.consumer.properties[schema.registry.credential]=" + SENTINEL,
				"spring.kafka.consumer.properties[vault.secret]=" + SENTINEL));
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.produce(topic, 5);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> app.getBean(ConsumerSignalsCollector.class).snapshot().group(group).isPresent());
		List<String> outputs = List.of(Http.get(app, "/actuator/kafkaconsumers").body(),
				Http.get(app, "/actuator/kafkaconsumers/" + group).body(), Http.get(app, "/actuator/health").body(),
				Http.get(app, "/actuator/prometheus").body());
		assertThat(outputs.get(0)).contains(group);
		assertThat(outputs).noneMatch((body) -> body.contains(SENTINEL));
		app.close();
		assertThat(output.toString()).contains("kafka-resilience: listener 'orders'").doesNotContain(SENTINEL);
	}

	@Test
	void endpointIsNotOnHttpUnlessExposed() throws Exception {
		String topic = this.kafka.topic(1);
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, "hidden-" + topic,
				with("management.endpoints.web.exposure.include=health"));
		assertThat(Http.get(app, "/actuator/kafkaconsumers").status()).isEqualTo(404);
		assertThat(Http.get(app, "/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void accessNoneRemovesTheEndpointEvenWhenExposed() throws Exception {
		String topic = this.kafka.topic(1);
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, "noaccess-" + topic,
				with("management.endpoint.kafkaconsumers.access=none"));
		assertThat(Http.get(app, "/actuator/kafkaconsumers").status()).isEqualTo(404);
		assertThat(Http.get(app, "/actuator/prometheus").status()).isEqualTo(200);
	}

	@Test
	void readOnlyAccessServesTheEndpoint() throws Exception {
		String topic = this.kafka.topic(1);
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, "readonly-" + topic,
				with("management.endpoint.kafkaconsumers.access=read-only"));
		assertThat(Http.get(app, "/actuator/kafkaconsumers").status()).isEqualTo(200);
	}

	private static String[] with(String... properties) {
		List<String> all = new ArrayList<>(List.of(FAST_SIGNALS));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

}

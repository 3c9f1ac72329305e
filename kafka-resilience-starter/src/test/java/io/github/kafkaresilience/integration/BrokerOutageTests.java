package io.github.kafkaresilience.integration;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away and comes back: the endpoint and health keep answering from the
 * snapshot with an honest UNKNOWN and the last good data marked stale, the refresher does
 * not pile up threads, and everything recovers by itself. Requests carry a 2 s client
 * timeout: an answer that takes longer fails the test.
 */
class BrokerOutageTests {

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	private StandaloneBroker broker;

	@AfterEach
	void cleanUp() throws Exception {
		this.apps.forEach(ConfigurableApplicationContext::close);
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void endpointAndHealthStayHonestThroughAnOutageAndRecover() throws Exception {
		this.broker = StandaloneBroker.start(BrokerSettings.FAST_GROUPS);
		String topic;
		try (KafkaTestSupport kafka = new KafkaTestSupport(this.broker.bootstrapServers())) {
			topic = kafka.topic(2);
			ConfigurableApplicationContext app = start(this.broker.bootstrapServers(), topic);
			kafka.awaitStableMembers("outage", 1);
			ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> collector.snapshot().refreshedAt() != null
						&& collector.snapshot().group("outage").map((g) -> g.status() == Verdict.OK).orElse(false));

			this.broker.stop();
			await().atMost(Duration.ofSeconds(30)).until(() -> collector.snapshot().stale());
			JsonNode consumers = Http.json(app, "/actuator/kafkaconsumers");
			assertThat(consumers.at("/stale").asBoolean()).isTrue();
			assertThat(consumers.at("/error").asString()).isNotEmpty();
			assertThat(consumers.at("/groups/0/status").asString()).isEqualTo("UNKNOWN");
			assertThat(consumers.at("/groups/0/diagnosis").asString()).startsWith("Broker unreachable");
			assertThat(consumers.at("/groups/0/membership/partitions").asInt()).as("last good data").isEqualTo(2);
			JsonNode health = Http.json(app, "/actuator/health");
			assertThat(health.at("/status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/kafkaConsumers/components/outage/status").asString())
				.isEqualTo("UNKNOWN");
			assertThat(health.at("/components/kafkaConsumers/components/outage/details/stale").asBoolean()).isTrue();

			long failuresBefore = collector.failures();
			int threadsBefore = refresherThreads();
			await().atMost(Duration.ofSeconds(30)).until(() -> collector.failures() >= failuresBefore + 5);
			for (int i = 0; i < 5; i++) {
				assertThat(Http.json(app, "/actuator/kafkaconsumers").at("/stale").asBoolean()).isTrue();
			}
			// One refresher thread, and at most one Admin client thread (it is recreated
			// after repeated failures).
			assertThat(refresherThreads()).as("refresher and admin threads after 5 more failed refreshes")
				.isLessThanOrEqualTo(Math.max(threadsBefore, 2));

			this.broker.restart();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				SignalsSnapshot snapshot = collector.snapshot();
				return !snapshot.stale() && snapshot.group("outage")
					.map((g) -> g.status() != Verdict.UNKNOWN || !g.diagnosis().startsWith("Broker unreachable"))
					.orElse(false);
			});
			assertThat(Http.json(app, "/actuator/kafkaconsumers").at("/stale").asBoolean()).isFalse();
		}
	}

	@Test
	void applicationStartsWithTheBrokerDownAndSaysSo() throws Exception {
		ConfigurableApplicationContext app = start("127.0.0.1:" + freePort(), "nowhere");
		ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> collector.snapshot().attemptedAt() != null);
		JsonNode consumers = Http.json(app, "/actuator/kafkaconsumers");
		assertThat(consumers.at("/stale").asBoolean()).isTrue();
		assertThat(consumers.at("/groups/0/groupId").asString()).isEqualTo("outage");
		assertThat(consumers.at("/groups/0/status").asString()).isEqualTo("UNKNOWN");
		assertThat(consumers.at("/groups/0/diagnosis").asString()).contains("No broker data yet");
		assertThat(
				Http.json(app, "/actuator/health").at("/components/kafkaConsumers/components/outage/status").asString())
			.isEqualTo("UNKNOWN");
	}

	private ConfigurableApplicationContext start(String bootstrapServers, String topic) {
		ConfigurableApplicationContext app = ConsumerApp.startWeb(bootstrapServers, "app.topic=" + topic,
				"app.group=outage", "kafka.resilience.signals.refresh-interval=500ms",
				"kafka.resilience.signals.window=4s", "kafka.resilience.signals.request-timeout=1s",
				"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=2s",
				"spring.kafka.consumer.properties[reconnect.backoff.max.ms]=1000");
		this.apps.add(app);
		return app;
	}

	private static int refresherThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().contains("kafka-resilience-signals"))
			.count();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

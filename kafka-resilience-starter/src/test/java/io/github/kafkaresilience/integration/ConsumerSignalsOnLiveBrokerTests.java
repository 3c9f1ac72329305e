package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.ListenerState;
import io.github.kafkaresilience.signals.PartitionSignals;
import io.github.kafkaresilience.signals.Verdict;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

import static io.github.kafkaresilience.integration.KafkaTestSupport.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every verdict produced by a real scenario on a real broker, and the endpoint, health
 * and Prometheus output that show it. Refreshes every 500 ms over a 4 s window so that
 * the scenarios take seconds, not minutes.
 */
class ConsumerSignalsOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final String[] FAST_SIGNALS = { "kafka.resilience.signals.refresh-interval=500ms",
			"kafka.resilience.signals.window=4s", "kafka.resilience.signals.lag-growth-threshold=20",
			"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s",
			"kafka.resilience.consumer.max-poll-records=10" };

	@Test
	void slowListenerIsSlow() throws Exception {
		String topic = this.kafka.topic(1);
		ConfigurableApplicationContext app = start(topic, "slow-" + topic, "app.delay=50ms");
		try (Traffic traffic = new Traffic(topic, 40)) {
			GroupSignals group = awaitStatus(app, "slow-" + topic, Verdict.SLOW);
			assertThat(group.lag().ratePerSecond()).isPositive();
			assertThat(group.diagnosis()).contains("processing is slower than production");
		}
	}

	@Test
	void blockedListenerIsStuckAndMapsToDownWhenConfigured() throws Exception {
		String topic = this.kafka.topic(1);
		String group = "stuck-" + topic;
		ConfigurableApplicationContext app = startWeb(topic, group, "kafka.resilience.health.status.stuck=DOWN");
		ConsumerApp.Control control = app.getBean(ConsumerApp.Control.class);
		control.block();
		try {
			this.kafka.produce(topic, 30);
			GroupSignals signals = awaitStatus(app, group, Verdict.STUCK);
			assertThat(signals.lag().partitions()).extracting(PartitionSignals::status).containsOnly(Verdict.STUCK);
			assertThat(signals.lag().partitions().get(0).owner()).isNotNull();
			JsonNode health = Http.json(app, "/actuator/health");
			assertThat(health.at("/components/kafkaConsumers/components/" + group + "/status").asString())
				.isEqualTo("DOWN");
		}
		finally {
			control.release();
		}
	}

	@Test
	void memberOfAnotherInstanceThatStopsProgressingIsNamedFromHereWhileThisInstanceStaysOk() {
		String topic = this.kafka.topic(4);
		String group = "stalled-" + topic;
		ConfigurableApplicationContext here = start(topic, group);
		ConfigurableApplicationContext there = start(topic, group);
		this.kafka.awaitStableMembers(group, 2);
		ConsumerApp.Control control = there.getBean(ConsumerApp.Control.class);
		control.block();
		try {
			for (int partition = 0; partition < 4; partition++) {
				this.kafka.produce(topic, partition, 50, "value");
			}
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				GroupSignals seen = group(here, group);
				assertThat(seen.status()).isEqualTo(Verdict.STUCK);
				assertThat(seen.localStatus()).isEqualTo(Verdict.OK);
				assertThat(seen.diagnosis()).contains("has made no progress on any of its partitions")
					.contains("session.timeout.ms (10000 ms)");
			});
			// The blocked instance names its own call once it has run for the
			// evidence span, a refresh or so after the other instance saw it stall.
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				GroupSignals blocked = group(there, group);
				assertThat(blocked.localStatus()).isEqualTo(Verdict.STUCK);
				assertThat(blocked.diagnosis()).contains("has not returned");
			});
		}
		finally {
			control.release();
		}
	}

	@Test
	void containerStoppedOnRequestIsStoppedButNotDown() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "stopped-" + topic;
		ConfigurableApplicationContext app = startWeb(topic, group);
		this.kafka.awaitStableMembers(group, 1);
		app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("orders").stop();
		this.kafka.produce(topic, 10);
		GroupSignals signals = awaitStatus(app, group, Verdict.STOPPED);
		assertThat(signals.diagnosis()).contains("stopped on request");
		assertThat(signals.listeners()).singleElement().satisfies((listener) -> {
			assertThat(listener.state()).isEqualTo(ListenerState.STOPPED);
			assertThat(listener.stopReason()).isEqualTo(Reason.NORMAL);
		});
		JsonNode health = Http.json(app, "/actuator/health");
		assertThat(health.at("/components/kafkaConsumers/components/" + group + "/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/kafkaConsumers/components/" + group + "/details/verdict").asString())
			.isEqualTo("STOPPED");
	}

	@Test
	void deadListenerThreadIsStoppedAndDownWithTheReason() throws Exception {
		String topic = this.kafka.topic(1);
		String group = "dead-" + topic;
		ConfigurableApplicationContext app = startWeb(topic, group);
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.send(topic, 0, "error");
		awaitStatus(app, group, Verdict.STOPPED);
		// The stop reason arrives with Spring Kafka's ConsumerStoppedEvent, just after
		// the thread dies.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(group(app, group).diagnosis()).contains("(ERROR)")
				.contains("an Error escaped the listener"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode health = Http.json(app, "/actuator/health");
			JsonNode groupHealth = health.at("/components/kafkaConsumers/components/" + group);
			assertThat(groupHealth.at("/status").asString()).isEqualTo("DOWN");
			assertThat(groupHealth.at("/details/reason").asString()).contains("stopped by itself (ERROR)");
		});
	}

	@Test
	void departedStaticMemberLeavesItsPartitionsWithoutLiveOwner() {
		String topic = this.kafka.topic(2);
		String group = "parked-" + topic;
		ConfigurableApplicationContext app = start(topic, group, "kafka.resilience.static-membership.mode=always",
				"kafka.resilience.static-membership.instance-id=orders-0",
				"kafka.resilience.shutdown.leave-group=false");
		this.kafka.awaitStableMembers(group, 1);
		app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("orders").stop();
		// The broker still lists the static member and its partitions until
		// session.timeout.ms expires.
		assertThat(KafkaTestSupport.instanceIds(this.kafka.describe(group))).containsExactly("orders-0-orders-0");
		this.kafka.produce(topic, 0, 5, "value");
		this.kafka.produce(topic, 1, 5, "value");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			GroupSignals signals = group(app, group);
			assertThat(signals.membership().unassignedPartitions()).isEqualTo(2);
			assertThat(signals.lag().partitions()).extracting(PartitionSignals::status).containsOnly(Verdict.STOPPED);
			assertThat(signals.status()).isEqualTo(Verdict.STOPPED);
		});
	}

	@Test
	void moreConsumersThanPartitionsShowIdleMembers() {
		String topic = this.kafka.topic(2);
		String group = "idle-" + topic;
		ConfigurableApplicationContext app = start(topic, group, "app.concurrency=3");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			GroupSignals signals = group(app, group);
			assertThat(signals.membership().members()).isEqualTo(3);
			assertThat(signals.membership().idleMembers()).isEqualTo(1);
			assertThat(signals.findings())
				.anySatisfy((finding) -> assertThat(finding.code()).isEqualTo("idle-members"));
		});
	}

	@Test
	void healthyCatchUpIsNeverSlow() {
		String topic = this.kafka.topic(1);
		String group = "catchup-" + topic;
		this.kafka.produce(topic, 1500);
		ConfigurableApplicationContext app = start(topic, group, "app.delay=4ms");
		List<Verdict> seen = new ArrayList<>();
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			GroupSignals signals = group(app, group);
			seen.add(signals.status());
			return signals.lag().total() == 0 && signals.status() == Verdict.OK;
		});
		assertThat(seen).contains(Verdict.CATCHING_UP).doesNotContain(Verdict.SLOW, Verdict.STUCK, Verdict.STOPPED);
	}

	@Test
	void endpointHealthAndPrometheusFollowTheContract() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "contract-" + topic;
		ConfigurableApplicationContext app = startWeb(topic, group);
		this.kafka.produce(topic, 0, 20, "value");
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			GroupSignals signals = group(app, group);
			return signals.status() == Verdict.OK && signals.lag().total() == 0
					&& Long.valueOf(20).equals(signals.lag().partitions().get(0).committedOffset());
		});

		Http.Response all = Http.get(app, "/actuator/kafkaconsumers");
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().at("/refreshIntervalMs").asLong()).isEqualTo(500);
		assertThat(all.json().at("/stale").asBoolean()).isFalse();
		JsonNode g = all.json().at("/groups/0");
		assertThat(g.at("/groupId").asString()).isEqualTo(group);
		assertThat(g.at("/status").asString()).isEqualTo("OK");
		assertThat(g.at("/protocol").asString()).isEqualTo("classic");
		assertThat(g.has("diagnosis")).isTrue();
		assertThat(g.at("/lag/total").isNumber()).isTrue();
		assertThat(g.at("/lag/ratePerSecond").isNumber()).isTrue();
		JsonNode partition = g.at("/lag/partitions/0");
		for (String field : List.of("topic", "partition", "committedOffset", "endOffset", "lag", "ratePerSecond",
				"status", "owner")) {
			assertThat(partition.has(field)).as(field).isTrue();
		}
		assertThat(partition.at("/endOffset").asLong()).isEqualTo(20);
		assertThat(partition.at("/committedOffset").asLong()).isEqualTo(20);
		assertThat(partition.at("/owner/clientId").asString()).isNotEmpty();
		assertThat(partition.at("/owner").has("instanceId")).isTrue();
		assertThat(partition.at("/owner/host").asString()).isNotEmpty();
		for (String field : List.of("total", "ratePerHour", "lastSecondsAgo", "lastDurationMs")) {
			assertThat(g.at("/rebalances").has(field)).as(field).isTrue();
		}
		assertThat(g.at("/rebalances/total").asLong()).isGreaterThanOrEqualTo(1);
		for (String field : List.of("maxPollIntervalMs", "timeBetweenPollAvgMs", "timeBetweenPollMaxMs",
				"maxPollIntervalUsedRatio")) {
			assertThat(g.at("/poll").has(field)).as(field).isTrue();
		}
		assertThat(g.at("/poll/maxPollIntervalMs").asLong()).isEqualTo(300_000);
		assertThat(g.at("/membership/members").asInt()).isEqualTo(1);
		assertThat(g.at("/membership/partitions").asInt()).isEqualTo(2);
		assertThat(g.at("/membership/idleMembers").asInt()).isZero();
		assertThat(g.at("/membership/unassignedPartitions").asInt()).isZero();
		assertThat(g.at("/findings").isArray()).isTrue();

		Http.Response one = Http.get(app, "/actuator/kafkaconsumers/" + group);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().at("/groupId").asString()).isEqualTo(group);
		assertThat(Http.get(app, "/actuator/kafkaconsumers/no-such-group").status()).isEqualTo(404);

		JsonNode health = Http.json(app, "/actuator/health");
		assertThat(health.at("/components/kafkaConsumers/components/" + group + "/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/kafkaConsumers/components/" + group + "/details/verdict").asString())
			.isEqualTo("OK");

		String prometheus = Http.get(app, "/actuator/prometheus").body();
		assertThat(prometheus).contains("kafka_resilience_group_lag{group=\"" + group + "\"}")
			.contains("kafka_resilience_group_status{group=\"" + group + "\",status=\"OK\"} 1.0")
			.contains("kafka_resilience_group_status{group=\"" + group + "\",status=\"SLOW\"} 0.0")
			.contains("kafka_resilience_group_rebalances_total{group=\"" + group + "\"}")
			.contains("kafka_resilience_group_members{group=\"" + group + "\"} 1.0")
			.contains("kafka_resilience_group_partitions{group=\"" + group + "\"} 2.0")
			.contains("kafka_resilience_group_partitions_unassigned{group=\"" + group + "\"} 0.0")
			.contains("kafka_resilience_group_poll_interval_used{group=\"" + group + "\"}")
			.contains("kafka_resilience_group_lag_rate{group=\"" + group + "\"}")
			.contains("kafka_resilience_signals_age_seconds")
			.doesNotContain("kafka_resilience_partition_lag");
	}

	private ConfigurableApplicationContext start(String topic, String group, String... properties) {
		return this.kafka.start(topic, group, withFastSignals(properties));
	}

	private ConfigurableApplicationContext startWeb(String topic, String group, String... properties) {
		return this.kafka.startWeb(topic, group, withFastSignals(properties));
	}

	private static String[] withFastSignals(String... properties) {
		List<String> all = new ArrayList<>(List.of(FAST_SIGNALS));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

	private static GroupSignals awaitStatus(ConfigurableApplicationContext app, String group, Verdict verdict) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> group(app, group).status() == verdict);
		return group(app, group);
	}

	/**
	 * Produces to partition 0 at a fixed rate on a background thread until closed.
	 */
	private final class Traffic implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		Traffic(String topic, int perSecond) {
			this.thread = new Thread(() -> {
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (this.running.get() && System.nanoTime() < deadline) {
					ConsumerSignalsOnLiveBrokerTests.this.kafka.send(topic, 0, "value");
					try {
						Thread.sleep(1000 / perSecond);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "test-traffic");
			this.thread.start();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(5000);
		}

	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The startup gate on a real broker: an instance that joins while the group cannot finish
 * its rebalance (the other member's listener is blocked, so it does not rejoin) stays out
 * of the readiness group until it has its first assignment, then turns ready and stays
 * so; with a short timeout it turns ready anyway and says it timed out.
 */
class StartupGateOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final String[] GATED = { "kafka.resilience.startup-gate.enabled=true",
			"management.endpoint.health.probes.enabled=true",
			"management.endpoint.health.group.readiness.include=readinessState,kafkaConsumersAssigned",
			"management.endpoint.health.group.readiness.show-details=always",
			"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s" };

	@Test
	void instanceIsReadyOnlyOnceItsListenerHasItsFirstAssignment() {
		String topic = this.kafka.topic(2);
		String group = "gate-" + topic;
		ConfigurableApplicationContext first = blockedMember(topic, group);
		ConfigurableApplicationContext second = this.kafka.startWeb(topic, group, GATED);
		try {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Http.Response readiness = Http.get(second, "/actuator/health/readiness");
				assertThat(readiness.status()).isEqualTo(503);
				JsonNode gate = readiness.json().at("/components/kafkaConsumersAssigned");
				assertThat(gate.at("/status").asString()).isEqualTo("OUT_OF_SERVICE");
				assertThat(gate.at("/details/waitingFor/0").asString()).isEqualTo("orders");
			});
			// Still held a few seconds on: the group cannot finish its rebalance.
			await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
			assertThat(Http.get(second, "/actuator/health/readiness").status()).isEqualTo(503);
		}
		finally {
			first.getBean(ConsumerApp.Control.class).release();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response readiness = Http.get(second, "/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.json().at("/components/kafkaConsumersAssigned/details/assignedAfterMs").isNumber())
				.isTrue();
		});
		// Rebalances later never take it out of service again.
		first.close();
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> true);
		assertThat(Http.get(second, "/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void gateOpensAfterItsTimeoutAndSaysSoSoThatAGroupThatCannotFormNeverBlocksARollout() {
		String topic = this.kafka.topic(2);
		String group = "gate-timeout-" + topic;
		ConfigurableApplicationContext first = blockedMember(topic, group);
		try {
			String[] gated = new String[GATED.length + 1];
			System.arraycopy(GATED, 0, gated, 0, GATED.length);
			gated[GATED.length] = "kafka.resilience.startup-gate.timeout=3s";
			ConfigurableApplicationContext second = this.kafka.startWeb(topic, group, gated);
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				Http.Response readiness = Http.get(second, "/actuator/health/readiness");
				assertThat(readiness.status()).isEqualTo(200);
				JsonNode gate = readiness.json().at("/components/kafkaConsumersAssigned");
				assertThat(gate.at("/details/timedOut").asBoolean()).isTrue();
				assertThat(gate.at("/details/waitingFor/0").asString()).isEqualTo("orders");
			});
		}
		finally {
			first.getBean(ConsumerApp.Control.class).release();
		}
	}

	// A member whose listener blocks on its first record: its poll loop stops, so it does
	// not rejoin, and a rebalance started by a newcomer waits for it.
	private ConfigurableApplicationContext blockedMember(String topic, String group) {
		ConfigurableApplicationContext first = this.kafka.start(topic, group,
				"kafka.resilience.consumer.max-poll-interval=60s", "kafka.resilience.static-membership.mode=never",
				"kafka.resilience.shutdown.timeout=5s");
		this.kafka.awaitStableMembers(group, 1);
		first.getBean(ConsumerApp.Control.class).block();
		this.kafka.produce(topic, 0, 1, "value");
		await().atMost(Duration.ofSeconds(20)).until(() -> !first.getBean(Received.class).started().isEmpty());
		return first;
	}

}

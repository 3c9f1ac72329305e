package io.github.kafkaresilience.sample;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application started as a user starts it, on its embedded broker: the
 * endpoint contract for the order group, and the demo knobs moving its verdict.
 */
@SampleAppTest
class OrderProcessingSampleTests {

	@LocalServerPort
	private int port;

	private SampleAppClient app;

	@BeforeEach
	void connect() {
		this.app = new SampleAppClient(this.port);
	}

	@Test
	void endpointShowsTheOrderGroupOnTwelvePartitionsWithEveryContractFieldAndReachesOk() {
		JsonNode group = this.app.awaitStatus("OK");

		assertThat(group.get("groupId").asString()).isEqualTo(SampleAppClient.GROUP);
		assertThat(group.get("diagnosis").asString()).isNotEmpty();
		assertThat(group.get("protocol").asString()).isEqualTo("classic");

		JsonNode lag = group.get("lag");
		assertThat(lag.get("total").isNumber()).isTrue();
		assertThat(lag.get("ratePerSecond").isNumber()).isTrue();
		assertThat(lag.get("partitions")).hasSize(12);
		for (JsonNode partition : lag.get("partitions")) {
			for (String field : List.of("topic", "partition", "committedOffset", "endOffset", "lag", "ratePerSecond",
					"status", "owner")) {
				assertThat(partition.has(field)).as(field).isTrue();
			}
			assertThat(partition.get("topic").asString()).isEqualTo("orders");
			assertThat(partition.get("endOffset").asLong()).isPositive();
			assertThat(partition.at("/owner/clientId").asString()).startsWith("consumer-order-processing-");
		}

		JsonNode rebalances = group.get("rebalances");
		for (String field : List.of("total", "ratePerHour", "lastSecondsAgo", "lastDurationMs", "recent")) {
			assertThat(rebalances.has(field)).as(field).isTrue();
		}
		assertThat(rebalances.get("total").asLong()).isGreaterThanOrEqualTo(1);

		JsonNode poll = group.get("poll");
		for (String field : List.of("maxPollIntervalMs", "timeBetweenPollAvgMs", "timeBetweenPollMaxMs",
				"maxPollIntervalUsedRatio")) {
			assertThat(poll.has(field)).as(field).isTrue();
		}
		assertThat(poll.get("maxPollIntervalMs").asLong()).as("from application.yml").isEqualTo(60_000);

		JsonNode membership = group.get("membership");
		assertThat(membership.get("members").asInt()).as("spring.kafka.listener.concurrency").isEqualTo(3);
		assertThat(membership.get("partitions").asInt()).isEqualTo(12);
		assertThat(membership.get("idleMembers").asInt()).isZero();
		assertThat(membership.get("unassignedPartitions").asInt()).isZero();

		assertThat(group.get("findings").isArray()).isTrue();
	}

	@Test
	void blockingTheListenerMakesTheGroupStuckUntilItIsReleased() {
		this.app.awaitStatus("OK");
		assertThat(this.app.post("/demo/stuck?enabled=true").body().get("stuck").asBoolean()).isTrue();
		try {
			JsonNode group = this.app.awaitStatus("STUCK");
			assertThat(group.get("diagnosis").asString()).contains("has not returned");
		}
		finally {
			this.app.post("/demo/stuck?enabled=false");
		}
		this.app.awaitGroup((group) -> group.get("lag").get("total").asLong() < 50
				&& !"STUCK".equals(group.get("status").asString()));
	}

	@Test
	void stoppingTheListenerMakesTheGroupStoppedAndStartingItBringsTheConsumersBack() {
		this.app.awaitStatus("OK");
		assertThat(this.app.post("/demo/stop").status()).isEqualTo(200);
		try {
			// The signals read the containers just before the broker: the refresh during
			// the stop may see the group empty before it sees the container stopped.
			JsonNode group = this.app.awaitGroup((g) -> "STOPPED".equals(g.get("status").asString())
					&& g.get("diagnosis").asString().contains("stopped on request"));
			assertThat(group.at("/membership/unassignedPartitions").asInt()).isEqualTo(12);
		}
		finally {
			this.app.post("/demo/start");
		}
		this.app.awaitGroup((group) -> group.at("/membership/members").asInt() == 3
				&& group.at("/membership/unassignedPartitions").asInt() == 0);
		assertThat(this.app.get("/demo").body().get("listenerRunning").asBoolean()).isTrue();
	}

	@Test
	void demoKnobsShowTheirValuesAndRejectOutOfRangeOnes() {
		JsonNode knobs = this.app.get("/demo").body();
		assertThat(knobs.get("embeddedBroker").asBoolean()).isTrue();
		assertThat(knobs.get("bootstrapServers").asString()).isNotEmpty();
		assertThat(knobs.get("ratePerSecond").asDouble()).isEqualTo(50.0);
		assertThat(knobs.get("processingDelayMs").asLong()).isEqualTo(5);

		assertThat(this.app.post("/demo/rate?perSecond=-1").status()).isEqualTo(400);
		assertThat(this.app.post("/demo/processing-delay?ms=120000").status()).isEqualTo(400);
		assertThat(this.app.post("/demo/processing-delay?ms=5").body().get("processingDelayMs").asLong()).isEqualTo(5);
	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.List;

import io.github.kafkaresilience.signals.CapacitySignals;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.Verdict;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * A group overloaded three times over for minutes: one instance processing about 50
 * records/s against 150 records/s produced over 12 partitions. Under a backlog the
 * consumer drains a few partitions at a time, so most committed offsets stand still for
 * minutes: that is a slow group, never a stuck one. Takes a little over three minutes.
 */
class BacklogOverloadTests extends EmbeddedBrokerTests {

	private static final int PARTITIONS = 12;

	private static final double PRODUCED_PER_SECOND = 150;

	private static final Duration WARM_UP = Duration.ofSeconds(30);

	private static final Duration OVERLOADED = Duration.ofMinutes(3).minus(WARM_UP);

	private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);

	/** Records older than the traffic cannot exist; some slack for refresh and clocks. */
	private static final long TIME_BEHIND_SLACK_MS = 10_000;

	@Test
	void groupOverloadedThreeTimesIsSlowForMinutesNeverStuckAndNeedsMoreConsumers() throws Exception {
		String topic = this.kafka.topic(PARTITIONS);
		String group = "backlog-" + topic;
		// 20 ms a record is at most 50 records/s; max.poll.records stays at 500.
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				"kafka.resilience.signals.refresh-interval=1s", "kafka.resilience.signals.window=10s",
				"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s",
				"app.delay=20ms");
		this.kafka.awaitStableMembers(group, 1);
		SignalsSampler signals = new SignalsSampler(app, group);
		Received received = app.getBean(Received.class);
		try (SteadyTraffic traffic = new SteadyTraffic(this.kafka.bootstrapServers(), topic, PARTITIONS,
				PRODUCED_PER_SECOND)) {
			long trafficStart = System.nanoTime();
			List<GroupSignals> warmUp = signals.sample(WARM_UP, SAMPLE_INTERVAL);
			long warmUpTrafficAgeMs = elapsedMs(trafficStart);
			int processedBefore = received.processed().size();
			long overloadStart = System.nanoTime();
			List<GroupSignals> overloaded = signals.sample(OVERLOADED, SAMPLE_INTERVAL);
			double consumedPerSecond = (received.processed().size() - processedBefore)
					/ ((System.nanoTime() - overloadStart) / 1e9);

			assertNeverStuck(warmUp);
			assertNeverStuck(overloaded);
			List<Verdict> verdicts = overloaded.stream().map(GroupSignals::status).toList();
			assertThat(verdicts).as("verdicts while overloaded").hasSizeGreaterThan(250);
			assertThat(verdicts.stream().filter(Verdict.SLOW::equals).count()).as("SLOW samples among %s", verdicts)
				.isGreaterThanOrEqualTo(verdicts.size() * 8L / 10);
			assertThat(overloaded).filteredOn((current) -> current.status() == Verdict.SLOW)
				.allSatisfy(
						(current) -> assertThat(current.diagnosis()).contains("processing is slower than production"));
			assertTimeBehindPlausible(warmUp, warmUpTrafficAgeMs);
			assertTimeBehindPlausible(overloaded, elapsedMs(trafficStart));
			assertThat(overloaded.get(overloaded.size() - 1).lag().total()).as("backlog")
				.isGreaterThan(overloaded.get(0).lag().total());

			signals.awaitSatisfying(Duration.ofSeconds(15), (current) -> {
				CapacitySignals capacity = current.capacity();
				assertThat(capacity.productionPerSecond()).isCloseTo(PRODUCED_PER_SECOND, withinPercentage(25));
				assertThat(capacity.consumptionPerSecond()).as("measured by the test: %.1f/s", consumedPerSecond)
					.isCloseTo(consumedPerSecond, withinPercentage(35));
				assertThat(capacity.activeConsumers()).isEqualTo(1);
				assertThat(capacity.consumersNeeded()).isNotNull().isBetween(2, PARTITIONS);
				assertThat(capacity.timeBehindMs()).isNotNull().isNotNegative();
			});
		}
	}

	private static void assertNeverStuck(List<GroupSignals> samples) {
		assertThat(samples).isNotEmpty().allSatisfy((current) -> {
			assertThat(current.status()).isNotIn(Verdict.STUCK, Verdict.STOPPED);
			assertThat(current.localStatus()).isNotIn(Verdict.STUCK, Verdict.STOPPED);
		});
	}

	private static void assertTimeBehindPlausible(List<GroupSignals> samples, long trafficAgeMs) {
		long bound = trafficAgeMs + TIME_BEHIND_SLACK_MS;
		assertThat(samples).allSatisfy((current) -> {
			assertThat(current.lag().partitions()).allSatisfy((partition) -> {
				if (partition.timeBehindMs() != null) {
					assertThat(partition.timeBehindMs()).isBetween(0L, bound);
					assertThat(partition.timeBehindSource()).isNotNull();
				}
			});
			if (current.capacity().timeBehindMs() != null) {
				assertThat(current.capacity().timeBehindMs()).isBetween(0L, bound);
			}
		});
	}

	private static long elapsedMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

}

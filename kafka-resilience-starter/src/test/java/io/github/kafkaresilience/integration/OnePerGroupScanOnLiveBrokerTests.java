package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.GroupView;
import io.github.kafkaresilience.signals.PartitionSignals;
import io.github.kafkaresilience.signals.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kafka.resilience.signals.group-scan=one-per-group} with two instances of a
 * user's application in one group on a real broker: the owner of the group's first
 * partition scans the group whole, the other judges its own partitions from its
 * consumers, scans rarely, says where the whole group is read, and still catches its own
 * stuck listener; when the scanner leaves, the member that takes its first partition
 * takes over.
 */
class OnePerGroupScanOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final String[] ONE_PER_GROUP = { "kafka.resilience.signals.group-scan=one-per-group",
			"kafka.resilience.signals.refresh-interval=500ms", "kafka.resilience.signals.window=4s",
			"kafka.resilience.signals.lag-growth-threshold=20", "kafka.resilience.static-membership.mode=never",
			"kafka.resilience.shutdown.timeout=5s", "app.delay=2ms" };

	@Test
	void followerJudgesItsOwnPartitionsWithoutScanningEveryRefreshAndNamesTheScanner() throws Exception {
		String topic = this.kafka.topic(4);
		String group = "one-per-group-" + topic;
		try (SteadyTraffic traffic = new SteadyTraffic(this.kafka.bootstrapServers(), topic, 4, 40)) {
			Pair pair = startPair(topic, group);
			GroupSignals local = new SignalsSampler(pair.follower(), group).awaitSatisfying(Duration.ofSeconds(20),
					(signals) -> {
						assertThat(signals.view().scope()).isEqualTo(GroupView.Scope.LOCAL);
						assertThat(signals.view().scanner()).isNotNull();
					});
			assertThat(local.view().scanner().clientId()).isEqualTo(pair.scannerClientId());
			assertThat(local.view().partitions()).isEqualTo(4);
			assertThat(local.view().partitionsSeen()).isEqualTo(2);
			assertThat(local.view().note()).contains(pair.scannerClientId(), "2 of 4 partitions");
			assertThat(group(pair.scanner(), group).view().scope()).isEqualTo(GroupView.Scope.GROUP);

			// Over 16 refreshes the follower scans the group every 4 (two per member) and
			// never reads its healthy, busy consumer as stuck or stopped.
			ConsumerSignalsCollector collector = pair.follower().getBean(ConsumerSignalsCollector.class);
			long refreshesBefore = collector.refreshes();
			Set<Instant> scans = new HashSet<>();
			List<Verdict> verdicts = new ArrayList<>();
			Instant until = Instant.now().plusSeconds(8);
			while (Instant.now().isBefore(until)) {
				GroupSignals signals = group(pair.follower(), group);
				scans.add(signals.view().groupScannedAt());
				verdicts.add(signals.localStatus());
				verdicts.add(signals.status());
				Thread.sleep(100);
			}
			long refreshes = collector.refreshes() - refreshesBefore;
			assertThat(refreshes).isGreaterThanOrEqualTo(8);
			assertThat(scans).hasSizeLessThanOrEqualTo((int) (refreshes / 3) + 1);
			assertThat(verdicts).doesNotContain(Verdict.STUCK, Verdict.STOPPED, Verdict.SLOW);

			// Group-wide gauges come from the scanner only; both publish their own
			// status.
			assertThat(pair.follower()
				.getBean(MeterRegistry.class)
				.find("kafka.resilience.group.lag")
				.tag("group", group)
				.gauge()).isNull();
			assertThat(pair.scanner()
				.getBean(MeterRegistry.class)
				.find("kafka.resilience.group.lag")
				.tag("group", group)
				.gauge()).isNotNull();
			assertThat(pair.follower()
				.getBean(MeterRegistry.class)
				.find("kafka.resilience.group.local.status")
				.tags("group", group, "status", "OK")
				.gauge()).isNotNull();
		}
	}

	@Test
	void blockedListenerOnAFollowerIsStuckFromItsOwnEvidence() {
		String topic = this.kafka.topic(4);
		String group = "one-per-group-blocked-" + topic;
		Pair pair = startPair(topic, group);
		SignalsSampler follower = new SignalsSampler(pair.follower(), group);
		follower.awaitSatisfying(Duration.ofSeconds(20),
				(signals) -> assertThat(signals.view().scope()).isEqualTo(GroupView.Scope.LOCAL));
		ConsumerApp.Control control = pair.follower().getBean(ConsumerApp.Control.class);
		control.block();
		try {
			for (int partition = 0; partition < 4; partition++) {
				this.kafka.produce(topic, partition, 10, "value");
			}
			GroupSignals stuck = follower.awaitSatisfying(Duration.ofSeconds(20), (signals) -> {
				assertThat(signals.view().scope()).isEqualTo(GroupView.Scope.LOCAL);
				assertThat(signals.localStatus()).isEqualTo(Verdict.STUCK);
			});
			assertThat(stuck.diagnosis()).contains("has not returned");
		}
		finally {
			control.release();
		}
		follower.awaitSatisfying(Duration.ofSeconds(20),
				(signals) -> assertThat(signals.localStatus()).isNotEqualTo(Verdict.STUCK));
	}

	@Test
	void followerWorkingThroughABacklogCatchesUpAndIsNeverStuck() throws Exception {
		String topic = this.kafka.topic(4);
		String group = "one-per-group-backlog-" + topic;
		Pair pair = startPair(topic, group, "app.delay=20ms");
		SignalsSampler follower = new SignalsSampler(pair.follower(), group);
		GroupSignals local = follower.awaitSatisfying(Duration.ofSeconds(20),
				(signals) -> assertThat(signals.view().scope()).isEqualTo(GroupView.Scope.LOCAL));
		// About 8 s of work on the follower's partitions alone.
		for (PartitionSignals partition : local.lag().partitions()) {
			this.kafka.produce(topic, partition.partition(), 200, "value");
		}
		List<Verdict> verdicts = new ArrayList<>();
		List<Long> lags = new ArrayList<>();
		GroupSignals caughtUp = follower.awaitSatisfying(Duration.ofSeconds(40), (signals) -> {
			verdicts.add(signals.localStatus());
			lags.add(signals.lag().total());
			assertThat(signals.lag().total()).isZero();
			assertThat(signals.localStatus()).isEqualTo(Verdict.OK);
		});
		assertThat(caughtUp.view().scope()).isEqualTo(GroupView.Scope.LOCAL);
		// The follower saw the backlog from its own consumers (SLOW while it arrived,
		// CATCHING_UP while it drained, as the load allows), and never called its busy
		// consumer stuck or stopped.
		assertThat(lags).anySatisfy((lag) -> assertThat(lag).isGreaterThan(100));
		assertThat(verdicts).doesNotContain(Verdict.STUCK, Verdict.STOPPED);
	}

	@Test
	void whenTheScannerLeavesTheMemberTakingTheFirstPartitionScansTheWholeGroup() {
		String topic = this.kafka.topic(4);
		String group = "one-per-group-handover-" + topic;
		Pair pair = startPair(topic, group);
		SignalsSampler follower = new SignalsSampler(pair.follower(), group);
		follower.awaitSatisfying(Duration.ofSeconds(20),
				(signals) -> assertThat(signals.view().scope()).isEqualTo(GroupView.Scope.LOCAL));
		pair.scanner().close();
		this.kafka.awaitStableMembers(group, 1);
		this.kafka.produce(topic, 20);
		follower.awaitSatisfying(Duration.ofSeconds(20), (signals) -> {
			assertThat(signals.view().scope()).isEqualTo(GroupView.Scope.GROUP);
			assertThat(signals.membership().members()).isEqualTo(1);
			assertThat(signals.membership().partitions()).isEqualTo(4);
			assertThat(signals.lag().total()).isZero();
		});
		assertThat(pair.follower()
			.getBean(MeterRegistry.class)
			.find("kafka.resilience.group.lag")
			.tag("group", group)
			.gauge()).isNotNull();
	}

	private Pair startPair(String topic, String group, String... properties) {
		List<String> all = new ArrayList<>(List.of(ONE_PER_GROUP));
		all.addAll(List.of(properties));
		String[] settings = all.toArray(String[]::new);
		ConfigurableApplicationContext first = this.kafka.start(topic, group, settings);
		this.kafka.awaitStableMembers(group, 1);
		ConfigurableApplicationContext second = this.kafka.start(topic, group, settings);
		ConsumerGroupDescription description = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.kafka.awaitStableMembers(group, 2),
					(described) -> described.members()
						.stream()
						.allMatch((member) -> member.assignment().topicPartitions().size() == 2));
		TopicPartition first0 = new TopicPartition(topic, 0);
		MemberDescription scanner = description.members()
			.stream()
			.filter((member) -> member.assignment().topicPartitions().contains(first0))
			.findFirst()
			.orElseThrow();
		boolean firstScans = clientIds(first).contains(scanner.clientId());
		return new Pair(firstScans ? first : second, firstScans ? second : first, scanner.clientId());
	}

	private static Set<String> clientIds(ConfigurableApplicationContext app) {
		Set<String> clientIds = new HashSet<>();
		app.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
			.getListenerContainers()
			.forEach((container) -> clientIds.addAll(container.metrics().keySet()));
		return clientIds;
	}

	private static GroupSignals group(ConfigurableApplicationContext app, String group) {
		return KafkaTestSupport.group(app, group);
	}

	private record Pair(ConfigurableApplicationContext scanner, ConfigurableApplicationContext follower,
			String scannerClientId) {

	}

}

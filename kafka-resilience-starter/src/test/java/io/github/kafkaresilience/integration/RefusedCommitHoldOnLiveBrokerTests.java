package io.github.kafkaresilience.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.Verdict;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A classic group whose rebalance waits for a crashed member's session, on a real broker:
 * a member "crashes" (closes without leaving, so the broker keeps it until its session
 * expires), and a new instance joins at once, as Kubernetes restarts a crashed pod. The
 * surviving instance's commits are refused for the whole wait. Kafka's cooperative
 * protocol keeps it consuming, so a crash of the survivor during the wait would replay
 * all of it; {@code kafka.resilience.rebalance.max-uncommitted-time} pauses it instead,
 * and it resumes when the rebalance assigns again, with nothing lost. And an instance
 * stopped while its group rebalances finishes the rebalance before it leaves, so what it
 * processed is committed.
 */
class RefusedCommitHoldOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final Duration CRASHED_SESSION = Duration.ofSeconds(20);

	private static final int RATE = 200;

	@Test
	void survivorKeepsConsumingWithoutCommitsWhileTheRebalanceWaitsForACrashedMember() throws Exception {
		Wait wait = crashAndRestartDuringTraffic();
		// A rebalance, not a stuck or stopped consumer.
		assertThat(wait.verdicts()).doesNotContain(Verdict.STUCK, Verdict.STOPPED);
		// The mechanism: records keep being processed, and none of them is committed.
		assertThat(wait.processedDuringWait()).isGreaterThan(300);
		assertThat(wait.atRiskAtEnd()).isGreaterThan(500);
		assertThat(wait.lost()).isEmpty();
	}

	@Test
	void survivorHeldAfterItsGraceReplaysLittleIfItCrashesAndResumesWithNothingLost() throws Exception {
		Wait wait = crashAndRestartDuringTraffic("kafka.resilience.rebalance.max-uncommitted-time=1s");
		// A rebalance, not a stuck or stopped consumer, while it holds.
		assertThat(wait.verdicts()).doesNotContain(Verdict.STUCK, Verdict.STOPPED);
		// Held: about a second of records plus one poll at most, not the whole wait.
		assertThat(wait.processedDuringWait()).isLessThan(100);
		assertThat(wait.atRiskAtEnd()).isLessThan(300);
		assertThat(wait.lost()).isEmpty();
	}

	@Test
	void instanceStoppedWhileItsGroupRebalancesCommitsEverythingItProcessedBeforeLeaving() throws Exception {
		String topic = this.kafka.topic(4);
		String group = "stop-" + topic;
		try (SteadyTraffic traffic = new SteadyTraffic(this.kafka.bootstrapServers(), topic, 4, RATE);
				KafkaConsumer<String, String> slow = new KafkaConsumer<>(memberConfig(group, Duration.ofSeconds(30)));
				KafkaConsumer<String, String> joining = new KafkaConsumer<>(
						memberConfig(group, Duration.ofSeconds(30)))) {
			ConfigurableApplicationContext a = this.kafka.start(topic, group,
					"kafka.resilience.static-membership.mode=never", "app.delay=2ms",
					"kafka.resilience.shutdown.timeout=10s");
			Received received = a.getBean(Received.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> received.processed().size() > RATE);
			// A member that stops polling for a while: a rebalance waits for it to
			// rejoin, as it would for an instance in the middle of a long batch.
			slow.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				slow.poll(Duration.ofMillis(100));
				return !slow.assignment().isEmpty();
			});
			ExecutorService background = Executors.newFixedThreadPool(2);
			try {
				AtomicBoolean running = new AtomicBoolean(true);
				background.submit(() -> pollUntilStopped(joining, topic, running));
				await().atMost(Duration.ofSeconds(20))
					.until(() -> this.kafka.describe(group).groupState() == GroupState.PREPARING_REBALANCE);
				// A keeps processing while its commits are refused; it is stopped, and
				// the slow member rejoins only after the stop began.
				Thread.sleep(1500);
				background.submit(() -> {
					Thread.sleep(1500);
					pollUntilStopped(slow, topic, running);
					return null;
				});
				a.close();
				running.set(false);
			}
			finally {
				background.shutdown();
				background.awaitTermination(10, TimeUnit.SECONDS);
			}
			Map<TopicPartition, Long> committed = this.kafka.committed(group);
			Map<Integer, Long> next = nextToProcess(received);
			assertThat(next).isNotEmpty();
			next.forEach(
					(partition, offset) -> assertThat(committed.getOrDefault(new TopicPartition(topic, partition), -1L))
						.as("committed offset of partition %d, after the stopped instance processed up to %d",
								partition, offset - 1)
						.isGreaterThanOrEqualTo(offset));
		}
	}

	@Test
	void commitThatAWakeupInterruptsIsMadeAgain() {
		String topic = this.kafka.topic(1);
		String group = "wakeup-" + topic;
		this.kafka.produce(topic, 5);
		Consumer<Object, Object> consumer = new MembershipConsumerPostProcessor(true, new ConsumerIncidents(1),
				Clock.systemUTC())
			.apply(new KafkaConsumer<>(memberConfig(group, Duration.ofSeconds(10))));
		try (consumer) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(100));
				return !consumer.assignment().isEmpty();
			});
			TopicPartition partition = new TopicPartition(topic, 0);
			// Spring Kafka's stop wakes the consumer to end a poll; here the wakeup lands
			// in the commit.
			consumer.wakeup();
			consumer.commitSync(Map.of(partition, new OffsetAndMetadata(3)));
			assertThat(this.kafka.committed(group, partition)).isEqualTo(3);
		}
	}

	private static Object pollUntilStopped(KafkaConsumer<String, String> consumer, String topic,
			AtomicBoolean running) {
		if (consumer.subscription().isEmpty()) {
			consumer.subscribe(List.of(topic));
		}
		while (running.get()) {
			consumer.poll(Duration.ofMillis(100));
		}
		return null;
	}

	/**
	 * Instance A consumes steady traffic alone; a member joins, takes partitions and
	 * crashes; instance B starts at once. Sampled while the group waits
	 * ({@code PreparingRebalance}): what A processed and what it would replay if it
	 * crashed then (processed beyond its committed offsets). Then every record sent must
	 * reach A or B.
	 */
	private Wait crashAndRestartDuringTraffic(String... properties) throws Exception {
		String topic = this.kafka.topic(4);
		String group = "hold-" + topic;
		List<String> app = new ArrayList<>(List.of("kafka.resilience.static-membership.mode=never", "app.delay=2ms",
				"kafka.resilience.shutdown.timeout=5s", "kafka.resilience.signals.refresh-interval=1s",
				"kafka.resilience.signals.window=4s"));
		app.addAll(List.of(properties));
		String[] appProperties = app.toArray(String[]::new);
		try (SteadyTraffic traffic = new SteadyTraffic(this.kafka.bootstrapServers(), topic, 4, RATE)) {
			ConfigurableApplicationContext a = this.kafka.start(topic, group, appProperties);
			Received receivedByA = a.getBean(Received.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> receivedByA.processed().size() > RATE);
			crashAMemberThatOwnsPartitions(topic, group);
			ConfigurableApplicationContext b = this.kafka.start(topic, group, appProperties);
			Set<TopicPartition> ownedByA = partitionsOf(topic, receivedByA);
			List<Integer> processed = new ArrayList<>();
			List<Long> atRisk = new ArrayList<>();
			Set<Verdict> verdicts = new HashSet<>();
			boolean waited = false;
			Instant until = Instant.now().plus(CRASHED_SESSION).plusSeconds(10);
			while (Instant.now().isBefore(until)) {
				GroupState state = this.kafka.describe(group).groupState();
				if (state == GroupState.PREPARING_REBALANCE) {
					waited = true;
					processed.add(receivedByA.processed().size());
					atRisk.add(atRisk(group, receivedByA, ownedByA));
					GroupSignals signals = KafkaTestSupport.group(a, group);
					verdicts.add(signals.status());
					verdicts.add(signals.localStatus());
				}
				else if (waited && state == GroupState.STABLE) {
					break;
				}
				Thread.sleep(250);
			}
			assertThat(processed).as("samples while the group waited for the crashed member").hasSizeGreaterThan(8);
			// The first seconds of the wait belong to the grace; the rest shows the hold.
			int afterGrace = processed.size() / 3;
			int processedDuringWait = processed.get(processed.size() - 1) - processed.get(afterGrace);
			long atRiskAtEnd = atRisk.get(atRisk.size() - 1);
			traffic.close();
			Received receivedByB = b.getBean(Received.class);
			Map<TopicPartition, Long> ends = this.kafka.endOffsets(topic, 4);
			List<Received> both = List.of(receivedByA, receivedByB);
			await().atMost(Duration.ofSeconds(60)).until(() -> KafkaTestSupport.missing(both, ends).isEmpty());
			Set<String> lost = KafkaTestSupport.missing(both, ends);
			Wait wait = new Wait(processedDuringWait, atRiskAtEnd, lost, verdicts);
			LoggerFactory.getLogger(getClass()).info("While the group waited ({} samples): {}", processed.size(), wait);
			return wait;
		}
	}

	/**
	 * A member that closes without a LeaveGroup: the broker keeps it until its session
	 * expires, as after a {@code kill -9}.
	 */
	private void crashAMemberThatOwnsPartitions(String topic, String group) {
		KafkaConsumer<String, String> crashing = new KafkaConsumer<>(memberConfig(group, CRASHED_SESSION));
		crashing.subscribe(List.of(topic));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			crashing.poll(Duration.ofMillis(100));
			return !crashing.assignment().isEmpty();
		});
		crashing.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
		assertThat(this.kafka.describe(group).members()).as("the crashed member is still in the group").hasSize(2);
	}

	/**
	 * A plain cooperative member of the group that commits nothing.
	 */
	private Map<String, Object> memberConfig(String group, Duration session) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
				CooperativeStickyAssignor.class.getName(), ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
				(int) session.toMillis(), ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000,
				ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 60000, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
	}

	/**
	 * Records A processed beyond the group's committed offsets: what A's partitions would
	 * be consumed again from if A crashed now.
	 */
	private long atRisk(String group, Received received, Set<TopicPartition> partitions) {
		Map<Integer, Long> next = nextToProcess(received);
		Map<TopicPartition, Long> committed = this.kafka.committed(group);
		long total = 0;
		for (TopicPartition partition : partitions) {
			total += Math.max(0,
					next.getOrDefault(partition.partition(), 0L) - Math.max(committed.getOrDefault(partition, 0L), 0));
		}
		return total;
	}

	/**
	 * Per partition, the offset after the highest one the application processed.
	 */
	private static Map<Integer, Long> nextToProcess(Received received) {
		Map<Integer, Long> next = new HashMap<>();
		received.processed().forEach((key) -> next.merge(partition(key), offset(key) + 1, Math::max));
		return next;
	}

	private static Set<TopicPartition> partitionsOf(String topic, Received received) {
		Set<TopicPartition> partitions = new HashSet<>();
		received.processed().forEach((key) -> partitions.add(new TopicPartition(topic, partition(key))));
		return partitions;
	}

	private static int partition(String key) {
		return Integer.parseInt(key.substring(0, key.indexOf('@')));
	}

	private static long offset(String key) {
		return Long.parseLong(key.substring(key.indexOf('@') + 1));
	}

	private record Wait(int processedDuringWait, long atRiskAtEnd, Set<String> lost, Set<Verdict> verdicts) {

	}

}

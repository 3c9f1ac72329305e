package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.integration.FailingListenerApp.PoisonPillException;
import io.github.kafkaresilience.integration.FailingListenerApp.UserInterceptors;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.PartitionFailure;
import io.github.kafkaresilience.signals.PartitionSignals;
import io.github.kafkaresilience.signals.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verdicts where lag monitors usually go wrong, each on a real broker with a user's
 * own application: a blocked call, a poison pill under the user's error handler, records
 * given up on, a transactional topic, a pause on request, records deleted before the
 * group read them, and a member evicted for its batch time. Refreshes every 500 ms over a
 * 4 s window so that each case takes seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
class VerdictsUnderRealConditionsTests extends EmbeddedBrokerTests {

	private static final String[] FAST_SIGNALS = { "kafka.resilience.signals.refresh-interval=500ms",
			"kafka.resilience.signals.window=4s", "kafka.resilience.signals.lag-growth-threshold=20",
			"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s" };

	/**
	 * Offset of the poison record on partition 1 in {@link #producePoisonOnPartitionOne}.
	 */
	private static final long POISON_OFFSET = 5;

	private static final Pattern MILLIS = Pattern.compile("(\\d[\\d,]*) ?ms");

	private final List<ConfigurableApplicationContext> failingApps = new ArrayList<>();

	private Admin admin;

	@BeforeAll
	void openAdmin() {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()));
	}

	@AfterEach
	void closeFailingApps() {
		this.failingApps.forEach(ConfigurableApplicationContext::close);
		this.failingApps.clear();
	}

	@AfterAll
	void closeAdmin() {
		this.admin.close();
	}

	@Test
	void blockedListenerIsStuckBecauseItsCallHasNotReturned() {
		String topic = this.kafka.topic(1);
		String group = "blocked-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group, fast());
		this.kafka.awaitStableMembers(group, 1);
		ConsumerApp.Control control = app.getBean(ConsumerApp.Control.class);
		control.block();
		try {
			this.kafka.produce(topic, 10);
			Received received = app.getBean(Received.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> !received.started().isEmpty());
			// Half the window of evidence, two refreshes and slack: not the 5 minutes of
			// max.poll.interval.ms.
			GroupSignals stuck = new SignalsSampler(app, group).awaitSatisfying(Duration.ofSeconds(15),
					(signals) -> assertThat(signals.status()).isEqualTo(Verdict.STUCK));
			assertThat(stuck.diagnosis()).contains("has not returned");
			assertThat(stuck.lag().partitions()).singleElement().satisfies((partition) -> {
				assertThat(partition.status()).isEqualTo(Verdict.STUCK);
				assertThat(partition.failure()).isNull();
			});
		}
		finally {
			control.release();
		}
	}

	@Test
	void recordFailingForeverNamesItsPartitionOffsetAttemptsAndExceptionBeforeAnyOther() {
		String topic = this.kafka.topic(3);
		String group = "poison-" + topic;
		producePoisonOnPartitionOne(topic);
		ConfigurableApplicationContext app = startFailing(topic, group);
		GroupSignals stuck = new SignalsSampler(app, group).awaitSatisfying(Duration.ofSeconds(30), (current) -> {
			assertThat(current.status()).isEqualTo(Verdict.STUCK);
			assertThat(partition(current, 1).failure()).isNotNull();
		});
		assertPoisonPillOnPartitionOne(stuck, topic);
		assertThat(partition(stuck, 1).status()).isEqualTo(Verdict.STUCK);
		// The error handler seeks the rest of each batch back, so partitions fetched
		// after the poisoned one may wait behind it; they are not the cause.
		assertThat(stuck.lag().partitions()).filteredOn((partition) -> partition.partition() != 1)
			.extracting(PartitionSignals::failure)
			.containsOnlyNulls();
		assertNamedFirst(stuck.diagnosis(), topic + "-1", topic + "-0", topic + "-2");
		assertNamedFirst(finding(stuck, "poison-pill").message(), topic + "-1", topic + "-0", topic + "-2");
		assertThat(app.getBean(UserInterceptors.class).count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void batchListenerFailingForeverOnOneRecordIsStuckWithThatRecord() {
		String topic = this.kafka.topic(3);
		String group = "poison-batch-" + topic;
		producePoisonOnPartitionOne(topic);
		ConfigurableApplicationContext app = startFailing(topic, group, "spring.kafka.listener.type=batch");
		GroupSignals stuck = new SignalsSampler(app, group).awaitSatisfying(Duration.ofSeconds(30), (current) -> {
			assertThat(current.status()).isEqualTo(Verdict.STUCK);
			assertThat(partition(current, 1).failure()).isNotNull();
		});
		assertPoisonPillOnPartitionOne(stuck, topic);
		assertThat(partition(stuck, 1).status()).isEqualTo(Verdict.STUCK);
		assertThat(app.getBean(UserInterceptors.class).count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void recordsGivenUpOnAreCountedPerPartitionAndTheCaughtUpGroupIsOk() throws Exception {
		String topic = this.kafka.topic(3);
		String group = "given-up-" + topic;
		String deadLetters = topic + ".DLT";
		this.admin.createTopics(List.of(new NewTopic(deadLetters, 1, (short) 1))).all().get();
		for (String value : List.of("value", FailingListenerApp.POISON, "value", FailingListenerApp.POISON, "value")) {
			this.kafka.send(topic, 0, value);
		}
		this.kafka.produce(topic, 1, 3, "value");
		for (String value : List.of("value", FailingListenerApp.POISON, "value")) {
			this.kafka.send(topic, 2, value);
		}
		ConfigurableApplicationContext app = startFailing(topic, group, "app.retry.interval=0ms",
				"app.retry.attempts=1", "app.dead-letter=true");
		SignalsSampler signals = new SignalsSampler(app, group);
		GroupSignals counted = signals.awaitSatisfying(Duration.ofSeconds(30), (current) -> {
			assertThat(current.lag().partitions()).extracting(PartitionSignals::recordsGivenUp)
				.containsExactly(2L, 0L, 1L);
			assertThat(current.findings()).anySatisfy((finding) -> {
				assertThat(finding.code()).isEqualTo("records-given-up");
				assertThat(finding.severity()).isEqualTo(Severity.WARN);
			});
		});
		assertThat(finding(counted, "records-given-up").message()).contains(topic + "-0", topic + "-2");

		signals.awaitSatisfying(Duration.ofSeconds(30), (current) -> {
			assertThat(current.status()).isEqualTo(Verdict.OK);
			assertThat(current.lag().total()).isZero();
			assertThat(current.lag().partitions()).extracting(PartitionSignals::recordsGivenUp)
				.containsExactly(2L, 0L, 1L);
		});
		// The user's recoverer still did its job.
		assertThat(endOffset(new TopicPartition(deadLetters, 0))).isEqualTo(3);
		assertThat(app.getBean(MeterRegistry.class)
			.get("kafka.resilience.group.records.given.up")
			.tag("group", group)
			.functionCounter()
			.count()).isEqualTo(3.0);
	}

	@Test
	void readCommittedGroupIdleOnATransactionalTopicStaysOkWithNoLag(CapturedOutput output) throws Exception {
		String topic = this.kafka.topic(3);
		String group = "tx-" + topic;
		ConfigurableApplicationContext app;
		try (KafkaProducer<String, String> producer = transactionalProducer("tx-" + topic)) {
			producer.initTransactions();
			commitTransaction(producer, topic, 3, 3);
			commitTransaction(producer, topic, 3, 3);
			app = this.kafka.start(topic, group, fast("spring.kafka.consumer.isolation-level=read-committed"));
			this.kafka.awaitStableMembers(group, 1);
			commitTransaction(producer, topic, 3, 3);
			commitTransaction(producer, topic, 3, 3);
		}
		Received received = app.getBean(Received.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> received.processed().size() == 36);
		SignalsSampler signals = new SignalsSampler(app, group);
		// Idle for more than two windows: what lag remains then is commit markers only.
		List<GroupSignals> idle = signals.sample(Duration.ofSeconds(9), Duration.ofMillis(250));
		List<GroupSignals> settled = signals.sample(Duration.ofSeconds(10), Duration.ofMillis(250));
		assertThat(idle).extracting(GroupSignals::status).doesNotContain(Verdict.STUCK, Verdict.SLOW, Verdict.STOPPED);
		assertThat(settled).isNotEmpty().allSatisfy((current) -> {
			assertThat(current.status()).isEqualTo(Verdict.OK);
			assertThat(current.lag().total()).isZero();
			assertThat(current.lag().partitions())
				.allSatisfy((partition) -> assertThat(partition.committedOffset()).isEqualTo(partition.endOffset()));
		});
		assertThat(output).contains("fixTxOffsets");
	}

	@Test
	void transactionLeftOpenIsAFindingNotASlowOrStuckGroup() throws Exception {
		String topic = this.kafka.topic(1);
		String group = "open-tx-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				fast("spring.kafka.consumer.isolation-level=read-committed"));
		this.kafka.awaitStableMembers(group, 1);
		SignalsSampler signals = new SignalsSampler(app, group);
		try (KafkaProducer<String, String> producer = transactionalProducer("open-tx-" + topic)) {
			producer.initTransactions();
			commitTransaction(producer, topic, 1, 5);
			Received received = app.getBean(Received.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> received.processed().size() == 5);
			// More records than the lag-growth threshold, held back by the open
			// transaction.
			producer.beginTransaction();
			for (int i = 0; i < 30; i++) {
				producer.send(new ProducerRecord<>(topic, 0, null, "uncommitted"));
			}
			producer.flush();
			List<Verdict> seen = new ArrayList<>();
			signals.awaitSatisfying(Duration.ofSeconds(30), (current) -> {
				seen.add(current.status());
				assertThat(current.findings()).anySatisfy((finding) -> {
					assertThat(finding.code()).isEqualTo("open-transaction");
					assertThat(finding.severity()).isEqualTo(Severity.WARN);
				});
			});
			seen.addAll(signals.sample(Duration.ofSeconds(5), Duration.ofMillis(250))
				.stream()
				.map(GroupSignals::status)
				.toList());
			assertThat(seen).doesNotContain(Verdict.SLOW, Verdict.STUCK);
			producer.abortTransaction();
		}
	}

	@Test
	void containerPausedOnRequestIsPausedNeverStuckOrSlowAndHealthStaysUp() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "paused-" + topic;
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, group, fast());
		SignalsSampler signals = new SignalsSampler(app, group);
		try (SteadyTraffic traffic = consumingSteadily(signals, topic, group)) {
			MessageListenerContainer container = container(app);
			long pausedAt = System.currentTimeMillis();
			container.pause();
			List<Verdict> seen = new ArrayList<>();
			GroupSignals paused = signals.awaitSatisfying(Duration.ofSeconds(15), (current) -> {
				seen.add(current.status());
				assertThat(current.status()).isEqualTo(Verdict.PAUSED);
			});
			List<GroupSignals> held = signals.sample(Duration.ofSeconds(10), Duration.ofMillis(250));
			assertThat(seen).doesNotContain(Verdict.STUCK, Verdict.SLOW);
			assertThat(held).isNotEmpty().extracting(GroupSignals::status).containsOnly(Verdict.PAUSED);
			assertThat(paused.diagnosis()).contains("paused");
			GroupSignals last = held.get(held.size() - 1);
			assertThat(last.lag().total()).as("records kept arriving").isPositive();
			long now = System.currentTimeMillis();
			assertThat(last.lag().partitions())
				.allSatisfy((partition) -> assertThat(partition.pausedSinceMs()).isNotNull().isBetween(pausedAt, now));
			assertThat(last.findings()).anySatisfy((finding) -> {
				assertThat(finding.code()).isEqualTo("paused");
				assertThat(finding.severity()).isEqualTo(Severity.INFO);
			});
			JsonNode health = Http.json(app, "/actuator/health").at("/components/kafkaConsumers/components/" + group);
			assertThat(health.at("/status").asString()).isEqualTo("UP");
			assertThat(health.at("/details/verdict").asString()).isEqualTo("PAUSED");

			container.resume();
			signals.awaitSatisfying(Duration.ofSeconds(30), (current) -> {
				assertThat(current.status()).isIn(Verdict.OK, Verdict.CATCHING_UP);
				assertThat(current.lag().partitions()).extracting(PartitionSignals::pausedSinceMs).containsOnlyNulls();
			});
		}
	}

	@Test
	void onePausedPartitionIsPausedWhileTheOtherKeepsConsuming() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "paused-partition-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group, fast());
		SignalsSampler signals = new SignalsSampler(app, group);
		try (SteadyTraffic traffic = consumingSteadily(signals, topic, group)) {
			long pausedAt = System.currentTimeMillis();
			container(app).pausePartition(new TopicPartition(topic, 1));
			List<Verdict> seen = new ArrayList<>();
			signals.awaitSatisfying(Duration.ofSeconds(15), (current) -> {
				seen.add(current.status());
				assertThat(partition(current, 1).status()).isEqualTo(Verdict.PAUSED);
				assertThat(partition(current, 1).pausedSinceMs()).isNotNull();
			});
			List<GroupSignals> held = signals.sample(Duration.ofSeconds(10), Duration.ofMillis(250));
			held.forEach((current) -> seen.add(current.status()));
			assertThat(seen).doesNotContain(Verdict.STUCK, Verdict.SLOW, Verdict.STOPPED);
			assertThat(held).isNotEmpty().allSatisfy((current) -> {
				assertThat(partition(current, 1).status()).isEqualTo(Verdict.PAUSED);
				assertThat(partition(current, 1).pausedSinceMs()).isGreaterThanOrEqualTo(pausedAt);
				assertThat(partition(current, 0).pausedSinceMs()).isNull();
				assertThat(partition(current, 0).status()).isNotIn(Verdict.PAUSED, Verdict.STUCK, Verdict.SLOW);
			});
			assertThat(partition(held.get(held.size() - 1), 0).committedOffset())
				.as("the partition that is not paused keeps committing")
				.isGreaterThan(partition(held.get(0), 0).committedOffset());
		}
	}

	@Test
	void recordsDeletedBeforeTheGroupReadThemAreLostAndCountedOnce() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "lost-" + topic;
		TopicPartition deleted = new TopicPartition(topic, 0);
		TopicPartition kept = new TopicPartition(topic, 1);
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, group, fast());
		this.kafka.produce(topic, 0, 10, "value");
		this.kafka.produce(topic, 1, 5, "value");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.kafka.committed(group, deleted) == 10 && this.kafka.committed(group, kept) == 5);
		MessageListenerContainer container = container(app);
		container.stop();
		this.kafka.produce(topic, 0, 30, "value");
		this.kafka.produce(topic, 1, 3, "value");
		this.admin.deleteRecords(Map.of(deleted, RecordsToDelete.beforeOffset(25))).all().get();

		SignalsSampler signals = new SignalsSampler(app, group);
		GroupSignals lost = signals.awaitSatisfying(Duration.ofSeconds(20), (current) -> {
			assertThat(partition(current, 0).logStartOffset()).isEqualTo(25L);
			assertThat(current.findings()).anySatisfy((finding) -> {
				assertThat(finding.code()).isEqualTo("records-lost");
				assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			});
		});
		assertThat(partition(lost, 0).committedOffset()).isEqualTo(10L);
		// Log start 25 minus committed 10.
		assertThat(finding(lost, "records-lost").message()).contains(topic + "-0", "15 records")
			.doesNotContain(topic + "-1");
		String counter = "kafka_resilience_group_records_lost_total{group=\"" + group + "\"} 15.0";
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Http.get(app, "/actuator/prometheus").body()).contains(counter));

		// auto.offset.reset moves the restarted consumer to the log start; refreshes
		// after that must not count the same loss again.
		container.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.kafka.committed(group, deleted) == 40);
		await().pollDelay(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Http.get(app, "/actuator/prometheus").body()).contains(counter));
	}

	@Test
	void memberEvictedRepeatedlyForItsBatchTimeGetsAFindingWithTheFix() {
		String topic = this.kafka.topic(1);
		String group = "evicted-" + topic;
		this.kafka.produce(topic, 40);
		// 5 records of 1 s each: every batch takes 5 s against a 2 s poll interval.
		ConfigurableApplicationContext app = this.kafka.start(topic, group, fast("app.delay=1s",
				"spring.kafka.consumer.max-poll-records=5", "spring.kafka.consumer.max-poll-interval=2s"));
		RebalanceHistory history = app.getBean(RebalanceHistory.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> history.total(group, RebalanceEventType.LOST) >= 2);
		GroupSignals evicted = new SignalsSampler(app, group).awaitSatisfying(Duration.ofSeconds(5),
				(current) -> assertThat(current.findings()).anySatisfy((finding) -> {
					assertThat(finding.code()).isEqualTo("max-poll-interval-exceeded");
					assertThat(finding.severity()).isEqualTo(Severity.WARN);
				}));
		String message = finding(evicted, "max-poll-interval-exceeded").message();
		assertThat(message).contains("max.poll.records", "max.poll.interval.ms");
		assertThat(millisIn(message)).as("the measured worst batch time in " + message)
			.anySatisfy((millis) -> assertThat(millis).isBetween(4_000L, 30_000L));
	}

	/**
	 * Records arriving on both partitions of {@code topic} at 20 a second, once the group
	 * consumes them as fast as they come: 40 records a window, above the lag-growth
	 * threshold, so a consumer that stopped would read SLOW or STUCK.
	 */
	private SteadyTraffic consumingSteadily(SignalsSampler signals, String topic, String group) {
		this.kafka.awaitStableMembers(group, 1);
		SteadyTraffic traffic = new SteadyTraffic(this.kafka.bootstrapServers(), topic, 2, 20);
		signals.awaitSatisfying(Duration.ofSeconds(30),
				(current) -> assertThat(current.status()).isEqualTo(Verdict.OK));
		return traffic;
	}

	private void producePoisonOnPartitionOne(String topic) {
		this.kafka.produce(topic, 0, 10, "value");
		this.kafka.produce(topic, 1, (int) POISON_OFFSET, "value");
		this.kafka.send(topic, 1, FailingListenerApp.POISON);
		this.kafka.produce(topic, 1, 5, "value");
		this.kafka.produce(topic, 2, 10, "value");
	}

	private static void assertPoisonPillOnPartitionOne(GroupSignals signals, String topic) {
		String simpleName = PoisonPillException.class.getSimpleName();
		PartitionFailure failure = partition(signals, 1).failure();
		assertThat(failure).isNotNull();
		assertThat(failure.offset()).isEqualTo(POISON_OFFSET);
		assertThat(failure.attempts()).isGreaterThanOrEqualTo(2);
		assertThat(failure.exceptionClass()).contains(simpleName);
		assertThat(failure.message()).contains(PoisonPillException.MESSAGE);
		assertThat(failure.failingForMs()).isNotNegative();
		assertThat(signals.diagnosis()).contains(topic + "-1", "offset " + POISON_OFFSET, simpleName);
		Finding poison = finding(signals, "poison-pill");
		assertThat(poison.severity()).isEqualTo(Severity.ERROR);
		assertThat(poison.message()).contains(topic + "-1", "offset " + POISON_OFFSET, simpleName)
			.containsPattern("\\d+ attempts");
	}

	private static void assertNamedFirst(String text, String first, String... others) {
		assertThat(text).contains(first);
		for (String other : others) {
			if (text.contains(other)) {
				assertThat(text.indexOf(first)).as("%s named before %s in: %s", first, other, text)
					.isLessThan(text.indexOf(other));
			}
		}
	}

	private ConfigurableApplicationContext startFailing(String topic, String group, String... properties) {
		List<String> all = new ArrayList<>(List.of("app.topic=" + topic, "app.group=" + group));
		all.addAll(List.of(fast(properties)));
		ConfigurableApplicationContext app = ConsumerApp.start(FailingListenerApp.class, this.kafka.bootstrapServers(),
				all.toArray(String[]::new));
		this.failingApps.add(app);
		return app;
	}

	private KafkaProducer<String, String> transactionalProducer(String transactionalId) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
				120_000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	private static void commitTransaction(KafkaProducer<String, String> producer, String topic, int partitions,
			int perPartition) {
		producer.beginTransaction();
		for (int partition = 0; partition < partitions; partition++) {
			for (int i = 0; i < perPartition; i++) {
				producer.send(new ProducerRecord<>(topic, partition, null, "value"));
			}
		}
		producer.commitTransaction();
	}

	private long endOffset(TopicPartition partition) throws Exception {
		return this.admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
	}

	private static MessageListenerContainer container(ConfigurableApplicationContext app) {
		return app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("orders");
	}

	private static PartitionSignals partition(GroupSignals signals, int partition) {
		return signals.lag()
			.partitions()
			.stream()
			.filter((candidate) -> candidate.partition() == partition)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no partition " + partition + " in " + signals.lag()));
	}

	private static Finding finding(GroupSignals signals, String code) {
		return signals.findings()
			.stream()
			.filter((candidate) -> candidate.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + code + " finding in " + signals.findings()));
	}

	private static List<Long> millisIn(String message) {
		List<Long> millis = new ArrayList<>();
		Matcher matcher = MILLIS.matcher(message);
		while (matcher.find()) {
			millis.add(Long.parseLong(matcher.group(1).replace(",", "")));
		}
		return millis;
	}

	private static String[] fast(String... properties) {
		List<String> all = new ArrayList<>(List.of(FAST_SIGNALS));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A secured broker (SASL PLAIN, {@code StandardAuthorizer}) and an application whose
 * principal has only what a consumer needs: READ on its topic and on its group. Every
 * signal that can be computed from that is, a refused request degrades only what needs it
 * and says which ACL would allow it, and the password appears nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class LeastPrivilegeOnSecuredBrokerTests {

	private static final String PASSWORD = "app-S3cret-4711";

	private StandaloneBroker broker;

	private KafkaTestSupport kafka;

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	@BeforeAll
	void startBroker() throws Exception {
		this.broker = StandaloneBroker.startSecured(BrokerSettings.FAST_GROUPS, Map.of("app", PASSWORD));
		this.kafka = new KafkaTestSupport(this.broker.bootstrapServers());
	}

	@AfterEach
	void stopApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
		this.apps.clear();
	}

	@AfterAll
	void stopBroker() throws Exception {
		this.kafka.close();
		this.broker.close();
	}

	@Test
	void consumerWithReadOnlyGetsEverySignalOfItsClassicGroup(CapturedOutput output) throws Exception {
		String topic = this.kafka.topic(2);
		String group = "least-" + topic;
		allowRead(topic, group);
		this.kafka.produce(topic, 0, 10, "value");
		this.kafka.produce(topic, 1, 10, "value");
		ConfigurableApplicationContext app = start(topic, group);
		GroupSignals signals = awaitOk(app, group);
		assertThat(signals.lag().total()).isZero();
		assertThat(signals.membership().members()).isEqualTo(1);
		assertThat(signals.membership().partitions()).isEqualTo(2);
		assertThat(signals.lag().partitions())
			.allSatisfy((partition) -> assertThat(partition.committedOffset()).isEqualTo(10));
		assertThat(signals.findings()).isEmpty();
		String json = Http.get(app, "/actuator/kafkaconsumers").body();
		assertThat(json).contains("\"status\":\"OK\"").doesNotContain(PASSWORD);
		assertThat(Http.get(app, "/actuator/health").body()).doesNotContain(PASSWORD);
		assertThat(Http.get(app, "/actuator/prometheus").body()).doesNotContain(PASSWORD);
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void consumerProtocolGroupWithoutDescribeConfigsSaysWhichAclReadsItsSettings(CapturedOutput output)
			throws Exception {
		String topic = this.kafka.topic(2);
		String group = "least848-" + topic;
		allowRead(topic, group);
		this.kafka.produce(topic, 0, 10, "value");
		ConfigurableApplicationContext app = start(topic, group,
				"spring.kafka.consumer.properties[group.protocol]=consumer");
		GroupSignals signals = awaitOk(app, group);
		assertThat(signals.brokerSettings()).isNotNull();
		assertThat(signals.brokerSettings().refusal()).isNotNull();
		assertThat(signals.findings()).filteredOn((finding) -> finding.code().equals("broker-settings-unreadable"))
			.singleElement()
			.extracting(Finding::message)
			.asString()
			.contains("--operation DescribeConfigs --group " + group);
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void consumerProtocolGroupThatAlsoReadsATopicTheAppMayNotDescribeKeepsItsOtherSignals(CapturedOutput output) {
		String topic = this.kafka.topic(2);
		String other = this.kafka.topic(1);
		String group = "shared848-" + topic;
		allowRead(topic, group);
		this.kafka.produce(topic, 0, 10, "value");
		ConfigurableApplicationContext app = start(topic, group,
				"spring.kafka.consumer.properties[group.protocol]=consumer");
		awaitOk(app, group);
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> stranger = new KafkaConsumer<>(config)) {
			stranger.subscribe(List.of(other));
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (System.nanoTime() < deadline) {
				stranger.poll(Duration.ofMillis(200));
			}
			// Describing a consumer-protocol group needs DESCRIBE on every topic in it
			// (KAFKA-18813): only that part of the signals may go.
			this.kafka.produce(topic, 0, 5, "value");
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				stranger.poll(Duration.ofMillis(100));
				SignalsSnapshot snapshot = app.getBean(ConsumerSignalsCollector.class).snapshot();
				assertThat(snapshot.error()).isNull();
				GroupSignals signals = snapshot.group(group).orElseThrow();
				assertThat(signals.findings()).filteredOn((finding) -> finding.code().equals("group-describe-refused"))
					.singleElement()
					.extracting(Finding::message)
					.asString()
					.contains("TopicAuthorizationException")
					.contains("KAFKA-18813")
					.contains("--operation Describe --topic");
				assertThat(signals.status()).isEqualTo(Verdict.OK);
				assertThat(signals.lag().total()).isZero();
				assertThat(signals.lag().partitions())
					.allSatisfy((partition) -> assertThat(partition.owner()).as("owned here").isNotNull());
			});
			long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < settle) {
				stranger.poll(Duration.ofMillis(100));
			}
			assertThat(app.getBean(ConsumerSignalsCollector.class).snapshot().group(group).orElseThrow().status())
				.isEqualTo(Verdict.OK);
		}
		// One line per change of state, not one per refresh.
		assertThat(output.getAll().split("the broker refused to describe group '" + group + "'", -1)).hasSize(2);
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void heartbeatLeverWithoutAlterConfigsOnTheGroupNamesTheAclAndLeavesTheGroupAlone(CapturedOutput output) {
		String topic = this.kafka.topic(1);
		String group = "lever-" + topic;
		allowRead(topic, group);
		allow(ResourceType.GROUP, group, AclOperation.DESCRIBE_CONFIGS);
		ConfigurableApplicationContext app = start(topic, group,
				"spring.kafka.consumer.properties[group.protocol]=consumer",
				"kafka.resilience.consumer-protocol.heartbeat-interval=1s");
		ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.untilAsserted(() -> {
				GroupSignals signals = collector.snapshot().group(group).orElseThrow();
				assertThat(signals.findings())
					.filteredOn((finding) -> finding.code().equals("group-config-not-authorized"))
					.singleElement()
					.satisfies((finding) -> {
						assertThat(finding.severity()).isEqualTo(Finding.Severity.WARN);
						assertThat(finding.message()).contains("--operation AlterConfigs --group " + group)
							.contains("kafka-configs.sh --alter --entity-type groups --entity-name " + group);
					});
				// Read, since DESCRIBE_CONFIGS is granted: the broker's own 500 ms,
				// unchanged.
				assertThat(signals.brokerSettings().heartbeatInterval().valueMs()).isEqualTo(500);
			});
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void producerThatMayOnlyWriteItsTopicGetsTheFindingNamingTheAclForTheTopicsSettings(CapturedOutput output) {
		String topic = this.kafka.topic(1);
		String group = "producer-" + topic;
		allowRead(topic, group);
		allow(ResourceType.TOPIC, topic, AclOperation.WRITE);
		ConfigurableApplicationContext app = start(topic, group, "kafka.resilience.producers.topics=" + topic,
				"kafka.resilience.producers.check-interval=500ms",
				"management.endpoints.web.exposure.include=health,kafkaconsumers,kafkaproducers,prometheus");
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			// path(), not get(): until the first check lists the producer, a missing
			// field
			// must fail the assertion (retried), not throw.
			JsonNode producer = Http.json(app, "/actuator/kafkaproducers").at("/producers/0");
			assertThat(producer.isMissingNode()).as("a producer is listed").isFalse();
			assertThat(producer.path("name").asString()).isEqualTo("kafkaProducerFactory");
			JsonNode read = producer.at("/topics/0");
			assertThat(read.isMissingNode()).as("its topic is listed").isFalse();
			assertThat(read.path("read").asBoolean()).isTrue();
			// DescribeTopics is implied by WRITE; DescribeConfigs is not.
			assertThat(read.path("replicationFactor").asInt()).isEqualTo(1);
			assertThat(read.at("/refusal/operation").asString()).isEqualTo("DESCRIBE_CONFIGS");
			List<String> codes = new ArrayList<>();
			producer.path("findings").forEach((finding) -> codes.add(finding.path("code").asString()));
			assertThat(codes).contains("topic-durability-unreadable", "replication-factor-low")
				.doesNotContain("acks-all-min-insync-low");
		});
		assertThat(Http.get(app, "/actuator/kafkaproducers").body())
			.contains("--operation DescribeConfigs --topic " + topic)
			.doesNotContain(PASSWORD);
		assertThat(output.getAll()).contains("topic-durability-unreadable").doesNotContain(PASSWORD);
	}

	private void allowRead(String topic, String group) {
		allow(ResourceType.TOPIC, topic, AclOperation.READ);
		allow(ResourceType.GROUP, group, AclOperation.READ);
	}

	private void allow(ResourceType type, String name, AclOperation operation) {
		try {
			this.kafka.admin().createAcls(List.of(acl(type, name, operation))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static AclBinding acl(ResourceType type, String name, AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
				new AccessControlEntry("User:app", "*", operation, AclPermissionType.ALLOW));
	}

	private ConfigurableApplicationContext start(String topic, String group, String... properties) {
		List<String> all = new ArrayList<>(List.of("app.topic=" + topic, "app.group=" + group,
				"spring.kafka.properties[security.protocol]=SASL_PLAINTEXT",
				"spring.kafka.properties[sasl.mechanism]=PLAIN",
				"spring.kafka.properties[sasl.jaas.config]=org.apache.kafka.common.security.plain.PlainLoginModule "
						+ "required username=\"app\" password=\"" + PASSWORD + "\";",
				"kafka.resilience.signals.refresh-interval=500ms", "kafka.resilience.signals.window=4s",
				"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext app = ConsumerApp.startWeb(this.broker.saslBootstrapServers(),
				all.toArray(String[]::new));
		this.apps.add(app);
		return app;
	}

	private static GroupSignals awaitOk(ConfigurableApplicationContext app, String group) {
		ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.untilAsserted(() -> {
				GroupSignals signals = collector.snapshot().group(group).orElseThrow();
				assertThat(collector.snapshot().error()).isNull();
				assertThat(signals.status()).isEqualTo(Verdict.OK);
				assertThat(signals.lag().total()).isZero();
				assertThat(signals.membership().members()).isEqualTo(1);
			});
		return collector.snapshot().group(group).orElseThrow();
	}

}

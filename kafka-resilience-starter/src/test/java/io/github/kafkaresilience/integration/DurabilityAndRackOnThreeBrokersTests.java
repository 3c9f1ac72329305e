package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producer durability and rack awareness on a real three-broker cluster whose brokers
 * advertise the racks {@code zone-a}, {@code zone-b} and {@code zone-c}: every durability
 * finding on a topic created with the offending settings and none on a correct one;
 * {@code client.rack} from the environment in the consumers' configuration, and a finding
 * when a consumer has no rack or one the brokers cannot serve.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class DurabilityAndRackOnThreeBrokersTests {

	private KafkaClusterTestKit brokers;

	private KafkaTestSupport kafka;

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	@BeforeAll
	void startBrokers() throws Exception {
		// Three brokers beside one controller: Spring Kafka's EmbeddedKafkaKraftBroker
		// makes every broker a controller too, and a three-voter quorum of in-JVM nodes
		// loses its raft threads to UpdateVoter errors now and then (Kafka 4.2).
		KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(false)
					.setNumControllerNodes(1)
					.setNumBrokerNodes(3)
					.setPerServerProperties(Map.of(0, Map.of("broker.rack", "zone-a"), 1,
							Map.of("broker.rack", "zone-b"), 2, Map.of("broker.rack", "zone-c")))
					.build());
		BrokerSettings.FAST_GROUPS.forEach(builder::setConfigProp);
		this.brokers = builder.build();
		this.brokers.format();
		this.brokers.startup();
		this.brokers.waitForReadyBrokers();
		this.kafka = new KafkaTestSupport(this.brokers.bootstrapServers());
	}

	@AfterEach
	void stopApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
		this.apps.clear();
	}

	@AfterAll
	void stopBrokers() throws Exception {
		this.kafka.close();
		this.brokers.close();
	}

	@Test
	void everyDurabilityRiskIsAFindingWithItsFixAndACorrectTopicHasNone(CapturedOutput output) throws Exception {
		String good = create("good", 3, Map.of("min.insync.replicas", "2"));
		String single = create("single", 1, Map.of());
		String lowIsr = create("low-isr", 3, Map.of("min.insync.replicas", "1"));
		String unclean = create("unclean", 3,
				Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "true"));
		ConfigurableApplicationContext app = start(ProducerApp.class, WebApplicationType.SERVLET, Map.of(),
				"app.default-topic=" + good, "app.declared-topic=" + unclean,
				"kafka.resilience.producers.topics=" + single, "kafka.resilience.producers.check-interval=500ms",
				"server.port=0", "management.endpoints.web.exposure.include=kafkaproducers");
		app.getBean("safeTemplate", KafkaTemplate.class).send(lowIsr, "k", "v").get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			JsonNode body = Http.json(app, "/actuator/kafkaproducers");
			JsonNode safe = producer(body, "safeProducerFactory");
			assertThat(safe.get("acks").asString()).isEqualTo("all");
			assertThat(safe.get("idempotent").asBoolean()).isTrue();
			assertThat(topic(safe, good).get("source").asString()).isEqualTo("DEFAULT_TOPIC");
			assertThat(topic(safe, good).get("replicationFactor").asInt()).isEqualTo(3);
			assertThat(topic(safe, single).get("source").asString()).isEqualTo("CONFIGURED");
			assertThat(topic(safe, lowIsr).get("source").asString()).isEqualTo("SENT");
			assertThat(topic(safe, unclean).get("source").asString()).isEqualTo("DECLARED");
			assertThat(findings(safe)).containsExactlyInAnyOrder("acks-all-min-insync-low " + single,
					"replication-factor-low " + single, "acks-all-min-insync-low " + lowIsr,
					"unclean-leader-election " + unclean);

			JsonNode weak = producer(body, "weakProducerFactory");
			assertThat(weak.get("acks").asString()).isEqualTo("1");
			assertThat(weak.get("idempotent").asBoolean()).isFalse();
			assertThat(weak.get("idempotenceOffBecause").asString()).isEqualTo("acks=1");
			assertThat(findings(weak)).containsExactlyInAnyOrder("producer-acks -", "producer-idempotence-off -",
					"unclean-leader-election " + unclean);
		});
		JsonNode safe = producer(Http.json(app, "/actuator/kafkaproducers"), "safeProducerFactory");
		for (JsonNode finding : safe.get("findings")) {
			assertThat(finding.get("message").asString()).doesNotContain("'" + good + "'");
			assertThat(finding.get("severity").asString()).isEqualTo("WARN");
		}
		assertThat(findingMessage(safe, "acks-all-min-insync-low", single))
			.contains("acks=all is effectively acks=1 here")
			.contains("--entity-name " + single + " --add-config min.insync.replicas=2");
		assertThat(output).contains("kafka-resilience producer 'weakProducerFactory'")
			.contains("WARN producer-acks: Producer 'weakProducerFactory' uses acks=1 (user)");
	}

	@Test
	void rackFromTheEnvironmentReachesTheConsumersAndMatchesTheBrokers() {
		String topic = this.kafka.topic(2);
		ConfigurableApplicationContext app = start(ConsumerApp.class, WebApplicationType.NONE,
				Map.of("KAFKA_CLIENT_RACK", "zone-a"), "app.topic=" + topic, "app.group=rack-env-" + topic);
		EffectiveSetting rack = app.getBean(ListenerSettingsRegistry.class)
			.get("orders")
			.orElseThrow()
			.setting("client.rack")
			.orElseThrow();
		assertThat(rack.value()).isEqualTo("zone-a");
		assertThat(rack.source()).isEqualTo(SettingSource.KAFKA_RESILIENCE);
		assertThat(app.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("orders")
			.getContainerProperties()
			.getKafkaConsumerProperties()
			.getProperty("client.rack")).isEqualTo("zone-a");
		GroupSignals group = awaitGroup(app, "rack-env-" + topic);
		assertThat(group.findings()).extracting(Finding::code).noneMatch((code) -> code.startsWith("client-rack-"));
	}

	@Test
	void consumerWithoutARackOrWithOneTheBrokersDoNotHaveGetsAFinding() {
		String topic = this.kafka.topic(2);
		ConfigurableApplicationContext missing = start(ConsumerApp.class, WebApplicationType.NONE, Map.of(),
				"app.topic=" + topic, "app.group=rack-none-" + topic, "kafka.resilience.rack.environment-variable=");
		assertThat(awaitFinding(missing, "rack-none-" + topic, "client-rack-missing").message())
			.contains("[zone-a, zone-b, zone-c]")
			.contains("kafka.resilience.rack.id");
		ConfigurableApplicationContext unknown = start(ConsumerApp.class, WebApplicationType.NONE, Map.of(),
				"app.topic=" + topic, "app.group=rack-x-" + topic, "kafka.resilience.rack.id=zone-x");
		Finding finding = awaitFinding(unknown, "rack-x-" + topic, "client-rack-unknown");
		assertThat(finding.severity()).isEqualTo(Finding.Severity.WARN);
		assertThat(finding.message()).contains("client.rack=zone-x").contains("[zone-a, zone-b, zone-c]");
	}

	private String create(String prefix, int replication, Map<String, String> configs) throws Exception {
		String name = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		this.kafka.admin()
			.createTopics(List.of(new NewTopic(name, 1, (short) replication).configs(configs)))
			.all()
			.get(30, TimeUnit.SECONDS);
		return name;
	}

	private ConfigurableApplicationContext start(Class<?> application, WebApplicationType type,
			Map<String, Object> environmentVariables, String... properties) {
		Map<String, Object> defaults = new HashMap<>(
				Map.of("spring.kafka.bootstrap-servers", this.brokers.bootstrapServers(),
						"spring.kafka.consumer.auto-offset-reset", "earliest", "app.listener-id", "orders",
						"kafka.resilience.signals.refresh-interval", "500ms", "kafka.resilience.signals.window", "4s",
						"kafka.resilience.static-membership.mode", "never", "spring.main.banner-mode", "off"));
		for (String property : properties) {
			int split = property.indexOf('=');
			defaults.put(property.substring(0, split), property.substring(split + 1));
		}
		// As the deployment fills it: one more variable in the process environment.
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> variables = new HashMap<>(environment.getSystemEnvironment());
		variables.putAll(environmentVariables);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		ConfigurableApplicationContext app = new SpringApplicationBuilder(application).web(type)
			.environment(environment)
			.properties(defaults)
			.run();
		this.apps.add(app);
		return app;
	}

	private static GroupSignals awaitGroup(ConfigurableApplicationContext app, String groupId) {
		ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> collector.snapshot()
				.group(groupId)
				.filter((group) -> group.membership().members() == 1 && collector.snapshot().refreshedAt() != null)
				.orElse(null), (group) -> group != null);
	}

	private static Finding awaitFinding(ConfigurableApplicationContext app, String groupId, String code) {
		ConsumerSignalsCollector collector = app.getBean(ConsumerSignalsCollector.class);
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> collector.snapshot()
				.group(groupId)
				.flatMap((group) -> group.findings().stream().filter((f) -> f.code().equals(code)).findFirst())
				.orElse(null), (finding) -> finding != null);
	}

	private static JsonNode producer(JsonNode body, String name) {
		for (JsonNode producer : body.get("producers")) {
			if (producer.get("name").asString().equals(name)) {
				return producer;
			}
		}
		throw new AssertionError("no producer " + name + " in " + body);
	}

	private static JsonNode topic(JsonNode producer, String name) {
		for (JsonNode topic : producer.get("topics")) {
			if (topic.get("topic").asString().equals(name)) {
				assertThat(topic.get("read").asBoolean()).isTrue();
				return topic;
			}
		}
		throw new AssertionError("no topic " + name + " in " + producer);
	}

	/** Each finding as its code and the topic it names, or "-" for none of the test's. */
	private static List<String> findings(JsonNode producer) {
		List<String> findings = new ArrayList<>();
		for (JsonNode finding : producer.get("findings")) {
			String message = finding.get("message").asString();
			String named = "-";
			for (JsonNode topic : producer.get("topics")) {
				if (message.contains("'" + topic.get("topic").asString() + "'")) {
					named = topic.get("topic").asString();
				}
			}
			findings.add(finding.get("code").asString() + " " + named);
		}
		return findings;
	}

	private static String findingMessage(JsonNode producer, String code, String topic) {
		for (JsonNode finding : producer.get("findings")) {
			String message = finding.get("message").asString();
			if (finding.get("code").asString().equals(code) && message.contains("'" + topic + "'")) {
				return message;
			}
		}
		throw new AssertionError("no " + code + " for " + topic + " in " + producer);
	}

}

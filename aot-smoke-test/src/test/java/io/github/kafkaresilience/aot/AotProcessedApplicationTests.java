package io.github.kafkaresilience.aot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the application from the code Spring Boot's {@code process-aot} generated at build
 * time ({@code spring.aot.enabled=true}, set by this module's build), against a real
 * broker: the starter's beans must be created without the configuration classes being
 * parsed, and the consumers, the signals and the endpoint must work as on the JVM.
 */
class AotProcessedApplicationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static EmbeddedKafkaKraftBroker broker;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startBrokerAndApplication() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerListProperty("aot.embedded-broker.bootstrap-servers");
		broker.afterPropertiesSet();
		SpringApplication application = new SpringApplication(AotSmokeApplication.class);
		// In AOT mode the generated initializer is looked up by the main class's name;
		// run
		// from a test, the deduced main class would be the test runner's.
		application.setMainApplicationClass(AotSmokeApplication.class);
		context = application.run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	void theApplicationRunsFromTheGeneratedCode() {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		assertThat(ClassUtils.isPresent(AotSmokeApplication.class.getName() + "__ApplicationContextInitializer",
				getClass().getClassLoader()))
			.isTrue();
	}

	@Test
	@SuppressWarnings("unchecked")
	void recordsAreConsumedAndTheEndpointExplainsTheGroup() throws Exception {
		KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
		List<String> sent = IntStream.range(0, 20).mapToObj((i) -> "order-" + i).toList();
		for (String order : sent) {
			template.send(AotSmokeApplication.TOPIC, order, order).get();
		}
		ReceivedRecords received = context.getBean(ReceivedRecords.class);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(received.values()).containsAll(sent));

		// A snapshot taken before the records were sent also reads no lag, but its group
		// has not formed yet (UNKNOWN): wait for one that has seen the group consume.
		JsonNode group = await().atMost(PATIENCE)
			.until(() -> groupInEndpoint(),
					(node) -> node != null && node.path("lag").path("total").asLong(-1) == 0
							&& node.path("membership").path("members").asInt(0) > 0
							&& "OK".equals(node.path("status").asString()));
		assertThat(group.path("membership").path("unassignedPartitions").asInt(-1)).isZero();
		JsonNode listener = group.path("listeners").get(0);
		assertThat(listener.path("listenerId").asString()).isEqualTo(AotSmokeApplication.TOPIC);
		assertThat(listener.path("settings").path("partition.assignment.strategy").asString())
			.isEqualTo("org.apache.kafka.clients.consumer.CooperativeStickyAssignor [kafka-resilience]");
		JsonNode structured = listener.path("effectiveSettings").path("partition.assignment.strategy");
		assertThat(structured.path("value").asString())
			.isEqualTo("org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
		assertThat(structured.path("source").asString()).isEqualTo("KAFKA_RESILIENCE");
		assertThat(get("/actuator/health").path("components").path("kafkaConsumers").path("status").asString())
			.isEqualTo("UP");
	}

	@Test
	void theGeneratedHintsCoverTheConsumerWrapperAndTheAssignors() throws IOException {
		JsonNode reflection = json.readTree(generatedReachabilityMetadata()).path("reflection");
		List<String> types = new ArrayList<>();
		reflection.forEach((entry) -> types.add(entry.path("type").toString()));
		// The membership wrapper is a proxy of Consumer alone; Spring Kafka's own hint
		// is Consumer with Spring's AOP interfaces, a different proxy class.
		assertThat(types).contains("{\"proxy\":[\"org.apache.kafka.clients.consumer.Consumer\"]}")
			.contains("\"org.apache.kafka.clients.consumer.CooperativeStickyAssignor\"",
					"\"org.apache.kafka.clients.consumer.RangeAssignor\"");
	}

	private JsonNode groupInEndpoint() {
		for (JsonNode group : get("/actuator/kafkaconsumers").path("groups")) {
			if (group.path("groupId").asString("").equals(AotSmokeApplication.TOPIC)) {
				return group;
			}
		}
		return null;
	}

	private static JsonNode get(String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isIn(200, 503);
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String generatedReachabilityMetadata() throws IOException {
		String name = "META-INF/native-image/io.github.kafkaresilience/kafka-resilience-aot-smoke-test/"
				+ "reachability-metadata.json";
		try (InputStream in = AotProcessedApplicationTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}

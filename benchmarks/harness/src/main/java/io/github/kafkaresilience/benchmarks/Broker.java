package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * A standalone Kafka broker in its own OS process: KRaft combined mode on 127.0.0.1 with
 * random free ports, storage formatted in a temporary directory. Closing it stops the
 * process by pid and deletes its data.
 *
 * @author kafka-resilience
 */
final class Broker implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	// Timestamps with offset so the analysis can place coordinator lines on the same
	// clock as the producer and the consumers.
	private static final String LOGBACK = """
			<configuration>
			  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
			    <encoder>
			      <pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n</pattern>
			    </encoder>
			  </appender>
			  <logger name="org.apache.kafka.coordinator.group" level="INFO"/>
			  <logger name="kafka.log" level="WARN"/>
			  <logger name="org.apache.kafka.storage" level="WARN"/>
			  <root level="INFO">
			    <appender-ref ref="OUT"/>
			  </root>
			</configuration>
			""";

	private final Processes processes;

	private final Process process;

	private final Path dataDirectory;

	private final String bootstrapServers;

	private Broker(Processes processes, Process process, Path dataDirectory, String bootstrapServers) {
		this.processes = processes;
		this.process = process;
		this.dataDirectory = dataDirectory;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Format storage and start a broker, returning once it answers Admin requests.
	 */
	static Broker start(Processes processes, Path classpathFile, Map<String, String> overrides, Path log)
			throws IOException {
		String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
		Path data = Files.createTempDirectory("kafka-resilience-broker-");
		int port = Harness.freePort();
		int controllerPort = Harness.freePort();
		while (controllerPort == port) {
			controllerPort = Harness.freePort();
		}
		Properties properties = new Properties();
		properties.load(new StringReader(SERVER.formatted(port, controllerPort)));
		properties.setProperty("log.dirs", data.resolve("log").toString());
		properties.putAll(overrides);
		Path serverProperties = data.resolve("server.properties");
		try (Writer writer = Files.newBufferedWriter(serverProperties, StandardCharsets.UTF_8)) {
			properties.store(writer, "kafka-resilience benchmark broker");
		}
		Path logback = Files.writeString(data.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
		List<String> jvm = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
				"-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback, "-cp", classpath);
		Process format = run(processes, jvm, log, "kafka.tools.StorageTool", "format", "-t",
				Uuid.randomUuid().toString(), "-c", serverProperties.toString());
		if (!Processes.awaitExit(format, Duration.ofSeconds(60)) || format.exitValue() != 0) {
			processes.stop(format, Duration.ofSeconds(5));
			Harness.deleteRecursively(data);
			throw new IllegalStateException("Formatting broker storage failed; see " + log);
		}
		processes.stop(format, Duration.ZERO);
		Broker broker = new Broker(processes, run(processes, jvm, log, "kafka.Kafka", serverProperties.toString()),
				data, "127.0.0.1:" + port);
		try {
			broker.awaitReady();
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
		return broker;
	}

	private static Process run(Processes processes, List<String> jvm, Path log, String... mainAndArguments)
			throws IOException {
		List<String> command = new ArrayList<>(jvm);
		command.addAll(List.of(mainAndArguments));
		return processes.start(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
	}

	// Replication factors 1; one coordinator partition keeps start-up light on a shared
	// two-core machine; a rolling restart is not measured against a delay meant for
	// whole-application start-ups.
	private static final String SERVER = """
			process.roles=broker,controller
			node.id=1
			controller.quorum.voters=1@127.0.0.1:%2$d
			listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
			advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
			controller.listener.names=CONTROLLER
			inter.broker.listener.name=PLAINTEXT
			listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
			auto.create.topics.enable=false
			offsets.topic.replication.factor=1
			offsets.topic.num.partitions=1
			transaction.state.log.replication.factor=1
			transaction.state.log.min.isr=1
			share.coordinator.state.topic.replication.factor=1
			share.coordinator.state.topic.min.isr=1
			group.initial.rebalance.delay.ms=0
			""";

	private void awaitReady() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000))) {
			Harness.await("the broker", START_TIMEOUT, this.process,
					() -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty());
		}
	}

	Admin admin(String clientId) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, clientId));
	}

	/**
	 * Create topics and wait until every partition's leader answers for it. A partition
	 * is described with a leader before that replica serves it, and a producer that
	 * writes to it then can be refused ({@code NOT_LEADER_OR_FOLLOWER}) and, retrying,
	 * get stuck on {@code OUT_OF_ORDER_SEQUENCE_NUMBER}; a {@code ListOffsets} is
	 * answered only by the serving leader, and the Admin client retries it until then.
	 */
	static void createTopics(Admin admin, List<NewTopic> topics) throws Exception {
		admin.createTopics(topics).all().get(120, TimeUnit.SECONDS);
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		topics.forEach((topic) -> IntStream.range(0, topic.numPartitions())
			.forEach((p) -> partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest())));
		admin.listOffsets(partitions).all().get(120, TimeUnit.SECONDS);
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.processes.stop(this.process, Duration.ofSeconds(30));
		Harness.deleteRecursively(this.dataDirectory);
	}

}

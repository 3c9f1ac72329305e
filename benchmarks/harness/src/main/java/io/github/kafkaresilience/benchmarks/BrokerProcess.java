package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A standalone Kafka broker in its own OS process: KRaft combined mode (broker and
 * controller in one node) on 127.0.0.1 with random free ports, storage formatted in a
 * temporary directory. Closing it stops the process by pid and deletes its data.
 *
 * @author kafka-resilience
 */
final class BrokerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final ChildProcesses children;

	private final Process process;

	private final Path dataDirectory;

	private final String bootstrapServers;

	private BrokerProcess(ChildProcesses children, Process process, Path dataDirectory, String bootstrapServers) {
		this.children = children;
		this.process = process;
		this.dataDirectory = dataDirectory;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Format storage and start a broker, returning once it answers Admin requests.
	 * @param children where the process is registered for clean-up
	 * @param java the java executable
	 * @param classpathFile file holding the broker's classpath
	 * @param overrides broker settings on top of the defaults
	 * @param log file for the broker's output
	 * @return the running broker
	 * @throws IOException if the broker cannot be set up
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static BrokerProcess start(ChildProcesses children, String java, Path classpathFile, Map<String, String> overrides,
			Path log) throws IOException, InterruptedException {
		String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
		Path dataDirectory = Files.createTempDirectory("kafka-resilience-broker-");
		int brokerPort = freePort();
		int controllerPort = freePort();
		while (controllerPort == brokerPort) {
			controllerPort = freePort();
		}
		Map<String, String> settings = defaults(dataDirectory.resolve("log"), brokerPort, controllerPort);
		settings.putAll(overrides);
		Properties properties = new Properties();
		properties.putAll(settings);
		Path serverProperties = dataDirectory.resolve("server.properties");
		try (var writer = Files.newBufferedWriter(serverProperties, StandardCharsets.UTF_8)) {
			properties.store(writer, "kafka-resilience benchmark broker");
		}
		Path logback = dataDirectory.resolve("logback.xml");
		Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);

		List<String> jvm = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback,
				"-cp", classpath);
		List<String> format = new ArrayList<>(jvm);
		format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
				serverProperties.toString()));
		Process formatting = children.start(new ProcessBuilder(format).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
		if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
			children.stop(formatting, Duration.ofSeconds(5));
			deleteRecursively(dataDirectory);
			throw new IllegalStateException("Formatting broker storage failed; see " + log);
		}
		children.stop(formatting, Duration.ZERO);

		List<String> server = new ArrayList<>(jvm);
		server.addAll(List.of("kafka.Kafka", serverProperties.toString()));
		Process process = children.start(new ProcessBuilder(server).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
		String bootstrapServers = "127.0.0.1:" + brokerPort;
		BrokerProcess broker = new BrokerProcess(children, process, dataDirectory, bootstrapServers);
		try {
			broker.awaitReady();
		}
		catch (RuntimeException | InterruptedException ex) {
			broker.close();
			throw ex;
		}
		return broker;
	}

	private static Map<String, String> defaults(Path logDirectory, int brokerPort, int controllerPort) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("process.roles", "broker,controller");
		settings.put("node.id", "1");
		settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
		settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
		settings.put("controller.listener.names", "CONTROLLER");
		settings.put("inter.broker.listener.name", "PLAINTEXT");
		settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		settings.put("log.dirs", logDirectory.toString());
		settings.put("auto.create.topics.enable", "false");
		settings.put("offsets.topic.replication.factor", "1");
		// One coordinator partition is enough for one group and keeps broker start-up
		// light on a shared two-core machine.
		settings.put("offsets.topic.num.partitions", "1");
		settings.put("transaction.state.log.replication.factor", "1");
		settings.put("transaction.state.log.min.isr", "1");
		settings.put("share.coordinator.state.topic.replication.factor", "1");
		settings.put("share.coordinator.state.topic.min.isr", "1");
		// A rolling restart should not be measured against an extra delay meant for
		// whole-application start-ups.
		settings.put("group.initial.rebalance.delay.ms", "0");
		return settings;
	}

	private void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		try (Admin admin = Admin.create(config)) {
			while (true) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("The broker exited with " + this.process.exitValue());
				}
				try {
					admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("The broker did not answer within " + START_TIMEOUT, ex);
					}
					Thread.sleep(250);
				}
			}
		}
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.children.stop(this.process, STOP_GRACE);
		deleteRecursively(this.dataDirectory);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			Console.info("Could not delete " + directory + ": " + ex.getMessage());
		}
	}

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

}

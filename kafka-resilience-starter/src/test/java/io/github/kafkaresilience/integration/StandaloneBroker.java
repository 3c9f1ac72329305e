package io.github.kafkaresilience.integration;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in its own OS process (KRaft combined mode, 127.0.0.1 only),
 * started from the test's own class path. Unlike the embedded broker it can be stopped
 * and started again on the same ports with the same data, as a broker restart in
 * production keeps its cluster, topics and committed offsets.
 */
final class StandaloneBroker implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final Path serverProperties;

	private final Path log;

	private final int port;

	private final int saslPort;

	private Process process;

	private StandaloneBroker(Path directory, Path serverProperties, Path log, int port, int saslPort) {
		this.directory = directory;
		this.serverProperties = serverProperties;
		this.log = log;
		this.port = port;
		this.saslPort = saslPort;
	}

	static StandaloneBroker start(Map<String, String> overrides) throws IOException, InterruptedException {
		return start(overrides, Map.of());
	}

	/**
	 * Start a broker with an authorizer: the PLAINTEXT listener is for the test itself
	 * (its anonymous principal is a super user), the SASL_PLAINTEXT listener (mechanism
	 * PLAIN) for the applications under test, whose users and passwords are given and who
	 * may do only what ACLs allow.
	 * @param overrides broker settings
	 * @param users user name to password
	 * @return the running broker
	 */
	static StandaloneBroker startSecured(Map<String, String> overrides, Map<String, String> users)
			throws IOException, InterruptedException {
		return start(overrides, users);
	}

	private static StandaloneBroker start(Map<String, String> overrides, Map<String, String> users)
			throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("kafka-resilience-test-broker-");
		int port = freePort();
		int controllerPort = freePort();
		int saslPort = users.isEmpty() ? -1 : freePort();
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", "1");
		properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		if (users.isEmpty()) {
			properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
			properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
			properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		}
		else {
			properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
					+ ",CONTROLLER://127.0.0.1:" + controllerPort);
			properties.put("advertised.listeners",
					"PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
			properties.put("listener.security.protocol.map",
					"PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
			properties.put("inter.broker.listener.name", "PLAINTEXT");
			properties.put("sasl.enabled.mechanisms", "PLAIN");
			StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
			users.forEach(
					(user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
			properties.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
			properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
			properties.put("super.users", "User:ANONYMOUS");
		}
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("log.dirs", directory.resolve("data").toString());
		properties.put("offsets.topic.num.partitions", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.putAll(overrides);
		Path serverProperties = directory.resolve("server.properties");
		try (Writer writer = Files.newBufferedWriter(serverProperties, StandardCharsets.UTF_8)) {
			properties.store(writer, "kafka-resilience test broker");
		}
		StandaloneBroker broker = new StandaloneBroker(directory, serverProperties, directory.resolve("broker.log"),
				port, saslPort);
		Process format = broker.java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
				serverProperties.toString());
		if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
			throw new IllegalStateException("formatting the broker's storage failed; see " + broker.log);
		}
		broker.startProcess();
		return broker;
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * The SASL_PLAINTEXT listener of a secured broker.
	 */
	String saslBootstrapServers() {
		if (this.saslPort < 0) {
			throw new IllegalStateException("not a secured broker");
		}
		return "127.0.0.1:" + this.saslPort;
	}

	/**
	 * Stop the broker process, as a crash or a maintenance restart would.
	 */
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			this.process = null;
		}
	}

	/**
	 * Start the broker again on the same ports with the same data.
	 */
	void restart() throws IOException, InterruptedException {
		startProcess();
	}

	@Override
	public void close() throws InterruptedException, IOException {
		stop();
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private void startProcess() throws IOException, InterruptedException {
		this.process = java("kafka.Kafka", this.serverProperties.toString());
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000))) {
			while (true) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the broker exited; see " + this.log);
				}
				try {
					admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("the broker did not answer within " + START_TIMEOUT, ex);
					}
					Thread.sleep(250);
				}
			}
		}
	}

	private Process java(String mainClass, String... args) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

package io.github.kafkaresilience.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A static member in its own JVM, killed with SIGKILL once it owns partitions: what the
 * broker sees of a pod killed by {@code kill -9} or the OOM killer. It never leaves, so
 * the broker holds its {@code group.instance.id} until its session expires.
 */
final class KilledMember {

	private static final String ASSIGNED = "ASSIGNED";

	private KilledMember() {
	}

	/**
	 * Start a consumer-protocol member, wait until it owns partitions, and kill it.
	 * @param bootstrapServers the broker
	 * @param group the group
	 * @param topic the topic
	 * @param instanceId its {@code group.instance.id}
	 * @throws Exception if it did not join within 30 s
	 */
	static void joinAndKill(String bootstrapServers, String group, String topic, String instanceId) throws Exception {
		joinAndKill(bootstrapServers, group, topic, instanceId, Map.of());
	}

	/**
	 * Start a member, wait until it owns partitions, and kill it.
	 * @param bootstrapServers the broker
	 * @param group the group
	 * @param topic the topic
	 * @param instanceId its {@code group.instance.id}
	 * @param config consumer settings over the consumer protocol's defaults
	 * @throws Exception if it did not join within 30 s
	 */
	static void joinAndKill(String bootstrapServers, String group, String topic, String instanceId,
			Map<String, String> config) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
						"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), KilledMember.class.getName(),
						bootstrapServers, group, topic, instanceId));
		config.forEach((key, value) -> command.add(key + "=" + value));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			CompletableFuture<Boolean> assigned = CompletableFuture.supplyAsync(() -> {
				try {
					for (String line = output.readLine(); line != null; line = output.readLine()) {
						if (line.startsWith(ASSIGNED)) {
							return true;
						}
					}
					return false;
				}
				catch (IOException ex) {
					return false;
				}
			});
			if (!assigned.get(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the member exited before it owned partitions");
			}
		}
		finally {
			process.destroyForcibly().waitFor();
		}
	}

	public static void main(String[] args) {
		Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
				ConsumerConfig.GROUP_ID_CONFIG, args[1], ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, args[3],
				ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		for (int i = 4; i < args.length; i++) {
			int split = args[i].indexOf('=');
			config.put(args[i].substring(0, split), args[i].substring(split + 1));
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(args[2]));
			boolean announced = false;
			while (true) {
				consumer.poll(Duration.ofMillis(100));
				if (!announced && !consumer.assignment().isEmpty()) {
					System.out.println(ASSIGNED + " " + consumer.assignment());
					System.out.flush();
					announced = true;
				}
			}
		}
	}

}

package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import javax.management.remote.JMXConnector;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The signals collector across a fleet: N instances of one service (N Spring contexts in
 * one application JVM, each with its consumer in one group and its own collector) against
 * one broker process, per {@code kafka.resilience.signals.group-scan} mode; the broker's
 * requests per second from the collectors, its CPU, and what the instances answered.
 *
 * @author kafka-resilience
 */
@Command(name = "run-fleet.sh", description = "Signals collector across a fleet: see benchmarks/README.md.")
public final class FleetBenchmark extends BenchmarkCommand {

	// Requests only the collectors send in a steady state. Consumers send Metadata every
	// metadata.max.age.ms (5 min) and OffsetFetch on assignment, which a steady window
	// does not contain; Fetch, Heartbeat and OffsetCommit are theirs alone.
	static final Set<String> COLLECTOR_APIS = Set.of("DescribeGroups", "ConsumerGroupDescribe", "OffsetFetch",
			"ListOffsets", "Metadata", "DescribeConfigs", "DescribeCluster", "ListGroups", "DescribeTopicPartitions");

	private static final String TOPIC = "fleet-1";

	@Option(names = "--collectors", split = ",", paramLabel = "N",
			description = "fleet sizes, run in order (default 1,10,50; smoke 1,3)")
	private List<Integer> sizes;

	@Option(names = "--modes", split = ",", paramLabel = "MODE",
			description = "kafka.resilience.signals.group-scan values (default every-instance,one-per-group)")
	private List<String> modes = List.of("every-instance", "one-per-group");

	@Option(names = "--partitions", defaultValue = "60", description = "partitions of the group's topic")
	private int partitions;

	@Option(names = "--rate", defaultValue = "100", description = "records produced per second")
	private int rate;

	@Option(names = "--refresh-interval", defaultValue = "1s",
			description = "the collectors' refresh interval: short, so that a window holds the followers' rare "
					+ "group scans (every two refreshes per member)")
	private String refreshInterval;

	@Option(names = "--warmup-s", description = "after the group is stable, before measuring (default 30; smoke 10)")
	private Integer warmupSeconds;

	@Option(names = "--window-s", description = "measured window (default 120; smoke 20)")
	private Integer windowSeconds;

	public static void main(String[] args) {
		main(new FleetBenchmark(), args);
	}

	@Override
	int defaultMaxRunSeconds() {
		return 3600;
	}

	@Override
	int run() throws Exception {
		List<Integer> fleetSizes = (this.sizes != null) ? this.sizes : this.smoke ? List.of(1, 3) : List.of(1, 10, 50);
		return report("fleet", (broker, directory, header) -> {
			List<Row> rows = new ArrayList<>();
			try (Admin admin = broker.admin("fleet-observer"); JMXConnector jmx = ScaleBenchmark.attach(broker.pid())) {
				// The topic before the producer, which would otherwise send into
				// partitions
				// still being created.
				Broker.createTopics(admin, List.of(new NewTopic(TOPIC, this.partitions, (short) 1)));
				try (Producer producer = Producer.roundRobin(broker.bootstrapServers(), partitions())) {
					producer.startRate(this.rate);
					BrokerWindow.Meter meter = new BrokerWindow.Meter(broker.pid(), jmx.getMBeanServerConnection());
					for (String mode : this.modes) {
						for (int size : fleetSizes) {
							rows.add(measure(broker, admin, meter, directory, mode, size));
						}
					}
				}
			}
			String report = render(header, rows);
			Files.writeString(this.output.resolve("fleet-results.md"), report + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			return report;
		});
	}

	private Row measure(Broker broker, Admin admin, BrokerWindow.Meter meter, Path directory, String mode, int size)
			throws Exception {
		Harness.info("Fleet of " + size + ", group-scan=" + mode);
		List<String> command = javaCommand("-Xmx" + Math.max(512, 64 * size) + "m -XX:+UseSerialGC", List.of(),
				ACTUATOR_APP_JAR);
		command.addAll(
				List.of("--bench.fleet-size=" + size, "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"--bench.mode=groups", "--bench.groups=1", "--bench.topic-prefix=fleet",
						"--kafka.resilience.signals.refresh-interval=" + this.refreshInterval,
						"--kafka.resilience.signals.window=" + Duration.ofMillis(10 * refreshMs()).toSeconds() + "s",
						"--kafka.resilience.signals.group-scan=" + mode, "--logging.level.root=WARN"));
		command.addAll(this.extraApplicationArguments);
		Path log = directory.resolve("fleet-" + mode + "-" + size + ".log");
		Process app = this.processes.startApplication(command, log);
		try {
			awaitStable(admin, app, size);
			Harness.sleep(Duration.ofSeconds(smoke(this.warmupSeconds, 30, 10)));
			BrokerWindow window = meter.measure(Duration.ofSeconds(smoke(this.windowSeconds, 120, 20)), null);
			return new Row(mode, size, window, lastReport(log));
		}
		finally {
			this.processes.stop(app, CLEAN_UP_GRACE);
		}
	}

	private long refreshMs() {
		return Duration.parse("PT" + this.refreshInterval.toUpperCase()).toMillis();
	}

	private List<TopicPartition> partitions() {
		return IntStream.range(0, this.partitions)
			.mapToObj((partition) -> new TopicPartition(TOPIC, partition))
			.toList();
	}

	private static void awaitStable(Admin admin, Process app, int members) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60 + 5L * members).toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The fleet exited during start-up; see its log");
			}
			ConsumerGroupDescription group = describe(admin);
			if (group != null && group.groupState() == GroupState.STABLE && group.members().size() == members
					&& group.members()
						.stream()
						.allMatch((member) -> !member.assignment().topicPartitions().isEmpty())) {
				return;
			}
			Harness.sleep(Duration.ofSeconds(1));
		}
		throw new IllegalStateException("The group did not reach " + members + " stable members in time");
	}

	// Not found until the first member joins.
	private static ConsumerGroupDescription describe(Admin admin) throws InterruptedException {
		try {
			return admin.describeConsumerGroups(List.of(TOPIC)).all().get().get(TOPIC);
		}
		catch (ExecutionException ex) {
			return null;
		}
	}

	private static String lastReport(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith("FLEET status")) {
				return lines.get(i).substring("FLEET ".length());
			}
		}
		return "no report";
	}

	private String render(String header, List<Row> rows) {
		StringBuilder out = new StringBuilder(header).append("\n\nTopic of ")
			.append(this.partitions)
			.append(" partitions, ")
			.append(this.rate)
			.append(" records/s, refresh interval ")
			.append(this.refreshInterval)
			.append(". Collector requests: ")
			.append(String.join(", ", COLLECTOR_APIS.stream().sorted().toList()))
			.append(".\n\n| group-scan | instances | collector requests/s | × N=1 | per refresh interval | broker requests/s (all) | broker CPU % of a core | instances answered |\n")
			.append("|---|---|---|---|---|---|---|---|\n");
		for (Row row : rows) {
			double collector = row.collectorRequestsPerSecond();
			Row single = rows.stream()
				.filter((other) -> other.mode().equals(row.mode()) && other.size() == 1)
				.findFirst()
				.orElse(null);
			String ratio = (single != null && single.collectorRequestsPerSecond() > 0)
					? Harness.format(collector / single.collectorRequestsPerSecond(), 2) : "–";
			out.append("| ")
				.append(row.mode())
				.append(" | ")
				.append(row.size())
				.append(" | ")
				.append(Harness.format(collector, 2))
				.append(" | ")
				.append(ratio)
				.append(" | ")
				.append(Harness.format(collector * refreshMs() / 1000.0, 1))
				.append(" | ")
				.append(Harness.format(row.window().totalRequestsPerSecond(), 1))
				.append(" | ")
				.append(Harness.format(row.window().brokerCpuMsPerSecond() / 10, 2))
				.append(" | ")
				.append(row.answers())
				.append(" |\n");
		}
		return out.toString();
	}

	private record Row(String mode, int size, BrokerWindow window, String answers) {

		double collectorRequestsPerSecond() {
			return COLLECTOR_APIS.stream().mapToDouble(this.window::requestsPerSecond).sum();
		}

	}

}

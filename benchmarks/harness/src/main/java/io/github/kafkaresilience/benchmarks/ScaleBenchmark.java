package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.github.kafkaresilience.benchmarks.Harness.format;
import static io.github.kafkaresilience.benchmarks.Harness.percentile;

/**
 * The scale benchmark: one application with kafka-resilience consumes G groups over
 * topics totalling P partitions; per layout, the broker requests and the duration of each
 * signals refresh, the latency of the actuator endpoints under a steady request rate, and
 * the heap the starter's state takes.
 *
 * @author kafka-resilience
 */
@Command(name = "run-scale.sh", description = "Scale benchmark: see benchmarks/README.md.")
public final class ScaleBenchmark extends BenchmarkCommand {

	// JOL reads JDK internals to size the starter's state (the heap operation of the
	// application's benchsignals endpoint); without these it cannot lay out records.
	private static final List<String> HEAP_WALK_OPTIONS = List.of("-Djdk.attach.allowAttachSelf=true",
			"--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
			"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
			"--add-opens=java.base/java.util.concurrent=ALL-UNNAMED");

	// Requests the signals collector's Admin client sends; consumers send some of them
	// too (Metadata, OffsetFetch, FindCoordinator on assignment), rarely in a steady
	// state.
	static final Set<String> ADMIN_APIS = Set.of("ApiVersions", "Metadata", "DescribeCluster", "FindCoordinator",
			"ConsumerGroupDescribe", "DescribeGroups", "OffsetFetch", "ListOffsets", "ListGroups",
			"DescribeTopicPartitions");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	@Option(names = "--layouts", paramLabel = "GxP", split = ",",
			description = "groups x total partitions per layout, run in order (10x1000,1x100; smoke 2x50,1x100)")
	List<String> layoutTexts;

	@Option(names = "--records-per-partition", paramLabel = "N",
			description = "records written to every partition before the application starts (20; smoke 5)")
	Integer recordsPerPartition;

	@Option(names = "--trickle-rate", paramLabel = "N", description = "records/s while measuring (100; smoke 20)")
	Integer trickleRate;

	@Option(names = "--refresh-interval", paramLabel = "D",
			description = "kafka.resilience.signals.refresh-interval (10s; smoke 2s)")
	String refreshInterval;

	@Option(names = "--min-refreshes", paramLabel = "N",
			description = "refreshes the request and duration figures need at least (6; smoke 3)")
	Integer minRefreshes;

	@Option(names = "--endpoints", paramLabel = "ID", split = ",", defaultValue = "kafkaconsumers,prometheus",
			description = "actuator endpoints to load, one after the other")
	List<String> endpoints;

	@Option(names = "--rate", paramLabel = "N", defaultValue = "20", description = "requests per second")
	int rate;

	@Option(names = "--warmup-requests", paramLabel = "N",
			description = "requests per endpoint sent first and not recorded (200; smoke 50)")
	Integer warmupRequests;

	@Option(names = "--requests", paramLabel = "N", description = "recorded requests per endpoint (2000; smoke 300)")
	Integer requests;

	List<Layout> layouts;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	public static void main(String[] args) {
		main(new ScaleBenchmark(), args);
	}

	@Override
	void validate() {
		try {
			this.layouts = ((this.layoutTexts != null) ? this.layoutTexts
					: Arrays.asList((this.smoke ? "2x50,1x100" : "10x1000,1x100").split(",")))
				.stream()
				.map(Layout::parse)
				.toList();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
		this.recordsPerPartition = smoke(this.recordsPerPartition, 20, 5);
		this.trickleRate = smoke(this.trickleRate, 100, 20);
		this.refreshInterval = (this.refreshInterval != null) ? this.refreshInterval : this.smoke ? "2s" : "10s";
		this.minRefreshes = smoke(this.minRefreshes, 6, 3);
		this.warmupRequests = smoke(this.warmupRequests, 200, 50);
		this.requests = smoke(this.requests, 2000, 300);
		if (this.rate < 1 || this.requests < 1 || this.minRefreshes < 1) {
			throw invalid("--rate, --requests and --min-refreshes must be at least 1");
		}
	}

	@Override
	int defaultMaxRunSeconds() {
		return this.smoke ? 600 : 1800;
	}

	@Override
	int run() throws Exception {
		return report("scale", (broker, directory, header) -> {
			List<LayoutResult> results = new ArrayList<>();
			try (Admin admin = broker.admin("bench-scale-observer"); JMXConnector jmx = attach(broker.pid())) {
				BrokerWindow.Meter meter = new BrokerWindow.Meter(broker.pid(), jmx.getMBeanServerConnection());
				for (int i = 0; i < this.layouts.size(); i++) {
					results.add(measure(this.layouts.get(i), "l" + (i + 1), broker, admin, meter, directory));
				}
			}
			return report(header, results);
		});
	}

	private LayoutResult measure(Layout layout, String prefix, Broker broker, Admin admin, BrokerWindow.Meter meter,
			Path directory) throws Exception {
		Harness.info("Layout " + layout + ": " + layout.groups() + " groups, " + layout.partitions() + " partitions");
		List<TopicPartition> partitions = createTopics(admin, layout, prefix);
		try (Producer producer = Producer.roundRobin(broker.bootstrapServers(), partitions)) {
			producer.fill((long) this.recordsPerPartition * partitions.size());
			int port = Harness.freePort();
			List<String> command = javaCommand("-Xmx512m -XX:+UseSerialGC", HEAP_WALK_OPTIONS, ACTUATOR_APP_JAR);
			command.addAll(List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
					"--server.port=" + port, "--bench.mode=groups", "--bench.groups=" + layout.groups(),
					"--bench.topic-prefix=" + prefix,
					"--kafka.resilience.signals.refresh-interval=" + this.refreshInterval));
			command.addAll(this.extraApplicationArguments);
			Process app = this.processes.startApplication(command, directory.resolve("app-" + prefix + ".log"));
			try {
				String base = "http://127.0.0.1:" + port + "/actuator/";
				Harness.await("the application's health", START_TIMEOUT, app,
						() -> this.http
							.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
									HttpResponse.BodyHandlers.discarding())
							.statusCode() == 200);
				awaitGroups(admin, layout, prefix);
				producer.startRate(this.trickleRate);
				Harness.info("Groups stable; waiting for two refreshes");
				awaitRefresh(base, lastRefresh(base) + 2);
				long first = lastRefresh(base);
				List<EndpointLoad.Result> loads = new ArrayList<>();
				long[] last = new long[1];
				BrokerWindow counted = meter.measure(() -> {
					Duration maxTime = Duration
						.ofSeconds(Math.max(60, 3L * (this.warmupRequests + this.requests) / this.rate));
					for (String endpoint : this.endpoints) {
						Harness.info("Loading /actuator/" + endpoint + " at " + this.rate + " requests/s");
						loads.add(EndpointLoad.run(this.http, URI.create(base + endpoint), this.rate,
								this.warmupRequests, this.requests, maxTime));
						Harness.info(loads.get(loads.size() - 1).describe());
					}
					awaitRefresh(base, first + this.minRefreshes);
					last[0] = lastRefresh(base);
				}, null);
				List<JsonNode> all = refreshes(base);
				List<JsonNode> window = all.stream()
					.filter((r) -> r.path("number").asLong() > first && r.path("number").asLong() <= last[0])
					.toList();
				Files.write(directory.resolve("kafkaconsumers-" + prefix + ".json"),
						this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(get(base + "kafkaconsumers")));
				JsonNode heap = get(base + "benchsignals/heap");
				Files.writeString(directory.resolve("heap-" + prefix + ".txt"), heap.path("totalFootprint").asString(),
						StandardCharsets.UTF_8);
				return new LayoutResult(layout, all.get(0), window, counted, loads, heap);
			}
			finally {
				this.processes.stop(app, Duration.ofSeconds(30));
			}
		}
	}

	private static List<TopicPartition> createTopics(Admin admin, Layout layout, String prefix) throws Exception {
		int perTopic = layout.partitions() / layout.groups();
		List<NewTopic> topics = IntStream.rangeClosed(1, layout.groups())
			.mapToObj((n) -> new NewTopic(prefix + "-" + n, perTopic, (short) 1))
			.toList();
		Broker.createTopics(admin, topics);
		return topics.stream()
			.flatMap((topic) -> IntStream.range(0, perTopic).mapToObj((p) -> new TopicPartition(topic.name(), p)))
			.toList();
	}

	private static void awaitGroups(Admin admin, Layout layout, String prefix) {
		List<String> groups = IntStream.rangeClosed(1, layout.groups()).mapToObj((n) -> prefix + "-" + n).toList();
		Harness.await("every group stable with every partition assigned", START_TIMEOUT,
				() -> admin.describeConsumerGroups(groups)
					.all()
					.get(10, TimeUnit.SECONDS)
					.values()
					.stream()
					.allMatch((group) -> group.groupState() == GroupState.STABLE && group.members()
						.stream()
						.mapToInt((member) -> member.assignment().topicPartitions().size())
						.sum() == layout.partitions() / layout.groups()));
	}

	private void awaitRefresh(String base, long number) {
		Harness.await("refresh " + number, START_TIMEOUT, () -> lastRefresh(base) >= number);
	}

	private long lastRefresh(String base) throws IOException {
		List<JsonNode> refreshes = refreshes(base);
		return refreshes.isEmpty() ? 0 : refreshes.get(refreshes.size() - 1).path("number").asLong();
	}

	// Each as the application's probe reported it: number, startedAtMs, durationMs,
	// adminRequests, failed.
	private List<JsonNode> refreshes(String base) throws IOException {
		JsonNode body = get(base + "benchsignals");
		if (!body.path("collecting").asBoolean()) {
			throw new IllegalStateException("The application runs no signals collector: is the starter enabled?");
		}
		List<JsonNode> refreshes = new ArrayList<>();
		body.path("refreshes").forEach(refreshes::add);
		return refreshes;
	}

	private JsonNode get(String uri) throws IOException {
		try {
			HttpResponse<byte[]> response = this.http.send(
					HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IOException(uri + " answered " + response.statusCode());
			}
			return this.json.readTree(response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	// The JDK's local management agent of the broker's process: no port opened, and the
	// broker needs no JMX settings for it.
	static JMXConnector attach(long pid) throws Exception {
		VirtualMachine machine = VirtualMachine.attach(Long.toString(pid));
		try {
			return JMXConnectorFactory.connect(new JMXServiceURL(machine.startLocalManagementAgent()));
		}
		finally {
			machine.detach();
		}
	}

	String report(String header, List<LayoutResult> results) {
		StringBuilder out = new StringBuilder(
				"# Scale: refresh cost, endpoint latency and heap of kafka-resilience\n\n");
		out.append(header).append('\n');
		out.append("Refresh interval " + this.refreshInterval + ", " + this.recordsPerPartition
				+ " records per partition before start, " + this.trickleRate
				+ " records/s while measuring. Load average at the end: " + Harness.loadAverage()
				+ ".\n\n## Refreshes\n\n");
		out.append(Harness.tableHeader("layout", "groups", "partitions", "refreshes measured",
				"admin requests per refresh: median (min-max)", "first refresh requests",
				"broker-counted requests of the collector's APIs per refresh", "refresh ms: median", "p90", "max",
				"failed"));
		for (LayoutResult r : results) {
			double[] requests = r.values("adminRequests");
			double[] durations = r.values("durationMs");
			out.append(Harness.tableRow(r.layout(), r.layout().groups(), r.layout().partitions(), r.window().size(),
					format(percentile(requests, 50), 0) + " (" + format(percentile(requests, 0), 0) + "-"
							+ format(percentile(requests, 100), 0) + ")",
					format(r.first().path("adminRequests").asDouble(), 0), format(r.brokerAdminRequestsPerRefresh(), 2),
					format(percentile(durations, 50), 0), format(percentile(durations, 90), 0),
					format(percentile(durations, 100), 0),
					r.window().stream().filter((n) -> n.path("failed").asBoolean()).count()));
		}
		out.append("\n## Endpoint latency\n\nOne request at a time at " + this.rate + " requests/s, "
				+ this.warmupRequests
				+ " warm-up requests not recorded; latency from when each request was due to its last byte.\n\n");
		out.append(Harness.tableHeader("layout", "endpoint", "requests", "errors", "p50 ms", "p99 ms", "max ms",
				"service p99 ms", "body bytes"));
		for (LayoutResult r : results) {
			for (EndpointLoad.Result load : r.loads()) {
				out.append(Harness.tableRow(r.layout(), load.path(), load.requests(), load.errors(),
						format(load.latency(50), 1), format(load.latency(99), 1), format(load.latency(100), 1),
						format(percentile(load.serviceMs(), 99), 1), load.meanBytes()));
			}
		}
		out.append("\n## Heap\n\nReachable bytes (JOL graph walk inside the application; objects shared by two parts "
				+ "counted once in the total):\n\n");
		out.append(Harness.tableHeader("layout", "snapshot", "lag windows", "rebalance history", "total", "objects"));
		for (LayoutResult r : results) {
			JsonNode heap = r.heap();
			out.append(Harness.tableRow(r.layout(), heap.path("snapshot").path("bytes").asLong(),
					heap.path("lagWindows").path("bytes").asLong(),
					heap.path("rebalanceHistory").path("bytes").asLong(), heap.path("total").path("bytes").asLong(),
					heap.path("total").path("objects").asLong()));
		}
		return out.toString();
	}

	/**
	 * Groups and total partitions, written {@code GxP}.
	 *
	 * @param groups consumer groups, one topic each
	 * @param partitions partitions over all topics, divided evenly
	 */
	record Layout(int groups, int partitions) {

		static Layout parse(String text) {
			String[] parts = text.trim().toLowerCase().split("x");
			if (parts.length != 2) {
				throw new IllegalArgumentException("A layout is GROUPSxPARTITIONS, such as 10x1000, not " + text);
			}
			Layout layout = new Layout(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
			if (layout.groups() < 1 || layout.partitions() % layout.groups() != 0) {
				throw new IllegalArgumentException("Partitions must divide evenly among groups: " + text);
			}
			return layout;
		}

		@Override
		public String toString() {
			return this.groups + "x" + this.partitions;
		}

	}

	/**
	 * What one layout measured: the application's first refresh (it opens the
	 * connections), the refreshes during the measurement, what the broker counted over
	 * them, a load run per endpoint and the heap figures.
	 */
	record LayoutResult(Layout layout, JsonNode first, List<JsonNode> window, BrokerWindow broker,
			List<EndpointLoad.Result> loads, JsonNode heap) {

		double[] values(String field) {
			return this.window.stream().mapToDouble((refresh) -> refresh.path(field).asDouble()).toArray();
		}

		double brokerAdminRequestsPerRefresh() {
			return ADMIN_APIS.stream().mapToLong((api) -> this.broker.requests().getOrDefault(api, 0L)).sum()
					/ (double) this.window.size();
		}

	}

}

package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale benchmark: one application with kafka-resilience consumes G groups over
 * topics totalling P partitions; the harness measures, per layout, the broker requests
 * and the duration of each signals refresh, the latency of the actuator endpoints under a
 * steady request rate, and the heap the starter's state takes. Several layouts run one
 * after the other on the same broker, so that requests per refresh can be compared across
 * group and partition counts.
 *
 * @author kafka-resilience
 */
public final class ScaleBenchmark {

	static final String USAGE = """
			Usage: run-scale.sh [options]
			  --layouts GxP,...         groups x total partitions per layout, run in order (default 10x1000,1x100)
			  --records-per-partition N records written to every partition before the application starts (default 20)
			  --trickle-rate N          records per second written while measuring, round-robin (default 100)
			  --refresh-interval D      kafka.resilience.signals.refresh-interval (default 10s)
			  --min-refreshes N         refreshes the request and duration figures need at least (default 6)
			  --endpoints A,B           actuator endpoints to load, one after the other (default kafkaconsumers,prometheus)
			  --rate N                  requests per second (default 20)
			  --warmup-requests N       requests per endpoint sent first and not recorded (default 200)
			  --requests N              recorded requests per endpoint (default 2000)
			  --smoke                   layouts 2x50,1x100, 5 records per partition, trickle 20/s, refresh 2s,
			                            3 refreshes, 50 + 300 requests per endpoint, limit 600 s
			  --app-jar PATH            application jar (default benchmarks/actuator-app/target/benchmark-actuator-app.jar)
			  --app-jvm-opts "OPTS"     JVM options of the application (default "-Xmx512m -XX:+UseSerialGC")
			  --app-arg ARG             extra application argument, repeatable
			  --broker-prop KEY=VALUE   extra broker setting, repeatable
			  --broker-classpath-file F file with the broker's classpath
			  --max-run-s N             hard limit on the whole benchmark (default 1800)
			  --out DIR                 output directory (default benchmarks/out)
			""";

	// JOL reads JDK internals to size the starter's state (the heap operation of the
	// application's benchsignals endpoint); without these it cannot lay out records.
	private static final List<String> HEAP_WALK_OPTIONS = List.of("-Djdk.attach.allowAttachSelf=true",
			"--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
			"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
			"--add-opens=java.base/java.util.concurrent=ALL-UNNAMED");

	// Requests the signals collector's Admin client sends; consumers send some of them
	// too
	// (Metadata, OffsetFetch, FindCoordinator on assignment), rarely in a steady state.
	// Every other API in the broker's counters comes from the consumers or the producer.
	static final Set<String> ADMIN_APIS = Set.of("ApiVersions", "Metadata", "DescribeCluster", "FindCoordinator",
			"ConsumerGroupDescribe", "DescribeGroups", "OffsetFetch", "ListOffsets", "ListGroups",
			"DescribeTopicPartitions");

	// Application classes of the benchmark itself, left out of the heap histogram.
	private static final String PROBE_PACKAGE = "io.github.kafkaresilience.benchmarks.";

	private static final int HISTOGRAM_ROWS = 12;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final Options options;

	private final String java = ProcessHandle.current().info().command().orElse("java");

	private final ChildProcesses children = new ChildProcesses();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ScaleBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Harness.quietClients();
		Options options = Harness.parseOrExit(args, Options::parse, USAGE);
		Harness.watchdog(options.maxRun());
		System.exit(new ScaleBenchmark(options).run());
	}

	private int run() throws Exception {
		Options o = this.options;
		String name = Reports.runName("scale");
		Path directory = Harness.runDirectory(o.output(), name, this.children);
		String header = Reports.header(o.command(), o.smoke());
		List<LayoutResult> results = new ArrayList<>();
		try (BrokerProcess broker = BrokerProcess.start(this.children, this.java, o.brokerClasspathFile(),
				o.brokerProperties(), directory.resolve("broker.log"));
				Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						AdminClientConfig.CLIENT_ID_CONFIG, "bench-scale-observer"));
				BrokerJmx jmx = BrokerJmx.attach(broker.pid())) {
			Console.info("Broker " + broker.bootstrapServers() + " pid " + broker.pid());
			for (int i = 0; i < o.layouts().size(); i++) {
				results.add(measure(o.layouts().get(i), "l" + (i + 1), broker, admin, jmx, directory));
			}
		}
		finally {
			this.children.stopAll(Harness.CLEAN_UP_GRACE);
		}
		Reports.write(o.output().resolve(name + ".md"), report(header, results, o));
		return 0;
	}

	private LayoutResult measure(Layout layout, String prefix, BrokerProcess broker, Admin admin, BrokerJmx jmx,
			Path directory) throws Exception {
		Options o = this.options;
		Console.info("Layout " + layout + ": " + layout.groups() + " groups, " + layout.partitions() + " partitions");
		List<TopicPartition> partitions = createTopics(admin, layout, prefix);
		try (BulkProducer producer = new BulkProducer(broker.bootstrapServers(), partitions)) {
			producer.fill((long) o.recordsPerPartition() * partitions.size());
			int port = freePort();
			List<String> command = new ArrayList<>();
			command.add(this.java);
			command.addAll(o.applicationJvmOptions());
			command.addAll(HEAP_WALK_OPTIONS);
			command.addAll(List.of("-jar", o.applicationJar().toAbsolutePath().toString(),
					"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=" + port,
					"--bench.mode=groups", "--bench.groups=" + layout.groups(), "--bench.topic-prefix=" + prefix,
					"--kafka.resilience.signals.refresh-interval=" + o.refreshInterval()));
			command.addAll(o.extraApplicationArguments());
			AppProcess app = AppProcess.start(this.children, command, directory.resolve("app-" + prefix + ".log"));
			try {
				String base = "http://127.0.0.1:" + port + "/actuator/";
				awaitReady(app, URI.create(base + "health"));
				awaitGroups(admin, layout, prefix);
				producer.trickle(o.trickleRate());
				Console.info("Groups stable; waiting for two refreshes");
				long stableAt = lastRefresh(base).number();
				awaitRefreshes(base, stableAt + 2);
				long firstNumber = lastRefresh(base).number();
				Map<String, Long> brokerBefore = jmx.requestCounts();
				List<EndpointLoad.Result> loads = new ArrayList<>();
				EndpointLoad load = new EndpointLoad(this.http, o.rate(),
						Duration.ofSeconds(Math.max(60, 3L * (o.warmupRequests() + o.requests()) / o.rate())));
				for (String endpoint : o.endpoints()) {
					Console.info("Loading /actuator/" + endpoint + " at " + o.rate() + " requests/s");
					EndpointLoad.Result result = load.run(URI.create(base + endpoint), o.warmupRequests(),
							o.requests());
					Console.info(describe(result));
					loads.add(result);
				}
				awaitRefreshes(base, firstNumber + o.minRefreshes());
				List<Refresh> all = refreshes(base);
				long lastNumber = all.get(all.size() - 1).number();
				Map<String, Long> brokerAfter = jmx.requestCounts();
				List<Refresh> window = all.stream()
					.filter((refresh) -> refresh.number() > firstNumber && refresh.number() <= lastNumber)
					.toList();
				Map<String, Double> brokerPerRefresh = new TreeMap<>();
				brokerAfter.forEach((api, count) -> {
					long delta = count - brokerBefore.getOrDefault(api, 0L);
					if (delta > 0) {
						brokerPerRefresh.put(api, delta / (double) window.size());
					}
				});
				Files.write(directory.resolve("kafkaconsumers-" + prefix + ".json"),
						this.json.writerWithDefaultPrettyPrinter()
							.writeValueAsBytes(get(URI.create(base + "kafkaconsumers"))));
				JsonNode heap = get(URI.create(base + "benchsignals/heap"));
				Files.writeString(directory.resolve("heap-" + prefix + ".txt"), heap.path("totalFootprint").asString(),
						StandardCharsets.UTF_8);
				List<HeapHistogram.Row> histogram = HeapHistogram.of(app.pid(), "io.github.kafkaresilience.")
					.stream()
					.filter((row) -> !row.className().startsWith(PROBE_PACKAGE))
					.toList();
				return new LayoutResult(layout, all.get(0), window, brokerPerRefresh, loads, heap, histogram);
			}
			finally {
				app.stop(Duration.ofSeconds(30));
			}
		}
	}

	private List<TopicPartition> createTopics(Admin admin, Layout layout, String prefix) throws Exception {
		int perTopic = layout.partitions() / layout.groups();
		List<NewTopic> topics = IntStream.rangeClosed(1, layout.groups())
			.mapToObj((n) -> new NewTopic(prefix + "-" + n, perTopic, (short) 1))
			.toList();
		admin.createTopics(topics).all().get(120, TimeUnit.SECONDS);
		List<TopicPartition> partitions = new ArrayList<>();
		for (NewTopic topic : topics) {
			for (int partition = 0; partition < perTopic; partition++) {
				partitions.add(new TopicPartition(topic.name(), partition));
			}
		}
		// A partition just created may have no leader for a moment; the producer waits
		// for metadata anyway, the consumers' first fetch might not.
		Threads.sleep(Duration.ofSeconds(1));
		return partitions;
	}

	private void awaitReady(AppProcess app, URI health) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The application exited during start-up; see its log");
			}
			try {
				HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(health).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			Threads.sleep(Duration.ofMillis(500));
		}
		throw new IllegalStateException("The application did not answer " + health + " within " + START_TIMEOUT);
	}

	private void awaitGroups(Admin admin, Layout layout, String prefix) throws Exception {
		Set<String> groups = new TreeSet<>();
		IntStream.rangeClosed(1, layout.groups()).forEach((n) -> groups.add(prefix + "-" + n));
		int perGroup = layout.partitions() / layout.groups();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			try {
				Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups)
					.all()
					.get(10, TimeUnit.SECONDS);
				long ready = described.values()
					.stream()
					.filter((group) -> group.groupState() == GroupState.STABLE)
					.filter((group) -> group.members()
						.stream()
						.mapToInt((member) -> member.assignment().topicPartitions().size())
						.sum() == perGroup)
					.count();
				last = ready + " of " + groups.size() + " groups stable with every partition assigned";
				if (ready == groups.size()) {
					return;
				}
			}
			catch (Exception ex) {
				last = ex.getMessage();
			}
			Threads.sleep(Duration.ofMillis(500));
		}
		throw new IllegalStateException("The groups did not become stable: " + last);
	}

	private void awaitRefreshes(String base, long number) throws IOException {
		Duration interval = Duration.ofMillis(500);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (lastRefresh(base).number() < number) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Refresh " + number + " did not happen within " + START_TIMEOUT);
			}
			Threads.sleep(interval);
		}
	}

	private Refresh lastRefresh(String base) throws IOException {
		List<Refresh> refreshes = refreshes(base);
		return refreshes.isEmpty() ? new Refresh(0, 0, 0, 0, false, 0, 0) : refreshes.get(refreshes.size() - 1);
	}

	private List<Refresh> refreshes(String base) throws IOException {
		JsonNode body = get(URI.create(base + "benchsignals"));
		if (!body.path("collecting").asBoolean()) {
			throw new IllegalStateException("The application runs no signals collector: is the starter enabled?");
		}
		List<Refresh> refreshes = new ArrayList<>();
		for (JsonNode node : body.path("refreshes")) {
			refreshes.add(new Refresh(node.path("number").asLong(), node.path("startedAtMs").asLong(),
					node.path("durationMs").asLong(), node.path("adminRequests").asDouble(),
					node.path("failed").asBoolean(), node.path("groups").asInt(), node.path("partitions").asInt()));
		}
		return refreshes;
	}

	private JsonNode get(URI uri) throws IOException {
		try {
			HttpResponse<byte[]> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
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

	private static String describe(EndpointLoad.Result result) {
		return result.path() + ": " + result.requests() + " requests, " + result.errors() + " errors, p50 "
				+ Reports.format(result.latencyPercentile(50), 1) + " ms, p99 "
				+ Reports.format(result.latencyPercentile(99), 1) + " ms, max "
				+ Reports.format(result.latencyPercentile(100), 1) + " ms, " + result.meanBytes() + " bytes";
	}

	static String report(String header, List<LayoutResult> results, Options o) {
		StringBuilder out = new StringBuilder(
				"# Scale: refresh cost, endpoint latency and heap of kafka-resilience\n\n");
		out.append(header).append('\n');
		out.append("Refresh interval ")
			.append(o.refreshInterval())
			.append(", ")
			.append(o.recordsPerPartition())
			.append(" records per partition before start, ")
			.append(o.trickleRate())
			.append(" records/s while measuring. Load average at the end: ")
			.append(Reports.loadAverage())
			.append(".\n\n## Refreshes\n\n");
		out.append("| layout | groups | partitions | refreshes measured | admin requests per refresh: median "
				+ "(min-max) | first refresh requests | refresh ms: median | p90 | max | failed |\n"
				+ "|---|---|---|---|---|---|---|---|---|---|\n");
		for (LayoutResult result : results) {
			double[] requests = result.window().stream().mapToDouble(Refresh::adminRequests).toArray();
			double[] durations = result.window().stream().mapToDouble(Refresh::durationMs).toArray();
			out.append("| ")
				.append(result.layout())
				.append(" | ")
				.append(result.layout().groups())
				.append(" | ")
				.append(result.layout().partitions())
				.append(" | ")
				.append(result.window().size())
				.append(" | ")
				.append(Reports.format(Stats.percentile(requests, 50), 0))
				.append(" (")
				.append(Reports.format(Stats.percentile(requests, 0), 0))
				.append("-")
				.append(Reports.format(Stats.percentile(requests, 100), 0))
				.append(") | ")
				.append(Reports.format(result.first().adminRequests(), 0))
				.append(" | ")
				.append(Reports.format(Stats.percentile(durations, 50), 0))
				.append(" | ")
				.append(Reports.format(Stats.percentile(durations, 90), 0))
				.append(" | ")
				.append(Reports.format(Stats.percentile(durations, 100), 0))
				.append(" | ")
				.append(result.window().stream().filter(Refresh::failed).count())
				.append(" |\n");
		}
		out.append("\nBroker-side requests per refresh over the same window, every API the broker counted (its "
				+ "`RequestsPerSec` counters, read over JMX): the collector's are marked admin; consumers send "
				+ "some of those too, rarely in a steady state.\n\n| API | sent by |");
		results.forEach((result) -> out.append(' ').append(result.layout()).append(" |"));
		out.append("\n|---|---|").append("---|".repeat(results.size())).append('\n');
		Set<String> apis = new TreeSet<>();
		results.forEach((result) -> apis.addAll(result.brokerPerRefresh().keySet()));
		for (String api : apis) {
			out.append("| ")
				.append(api)
				.append(" | ")
				.append(ADMIN_APIS.contains(api) ? "admin" : "clients")
				.append(" |");
			results.forEach((result) -> out.append(' ')
				.append(Reports.format(result.brokerPerRefresh().getOrDefault(api, 0.0), 2))
				.append(" |"));
			out.append('\n');
		}
		out.append("\n## Endpoint latency\n\nOne request at a time at ")
			.append(o.rate())
			.append(" requests/s, ")
			.append(o.warmupRequests())
			.append(" warm-up requests not recorded; latency from when each request was due to its last byte.\n\n");
		out.append(
				"| layout | endpoint | requests | errors | p50 ms | p99 ms | max ms | service p99 ms | body bytes |\n"
						+ "|---|---|---|---|---|---|---|---|---|\n");
		for (LayoutResult result : results) {
			for (EndpointLoad.Result load : result.loads()) {
				out.append("| ")
					.append(result.layout())
					.append(" | ")
					.append(load.path())
					.append(" | ")
					.append(load.requests())
					.append(" | ")
					.append(load.errors())
					.append(" | ")
					.append(Reports.format(load.latencyPercentile(50), 1))
					.append(" | ")
					.append(Reports.format(load.latencyPercentile(99), 1))
					.append(" | ")
					.append(Reports.format(load.latencyPercentile(100), 1))
					.append(" | ")
					.append(Reports.format(load.servicePercentile(99), 1))
					.append(" | ")
					.append(load.meanBytes())
					.append(" |\n");
			}
		}
		out.append("\n## Heap\n\nReachable bytes (JOL graph walk inside the application; objects shared by two parts "
				+ "counted once in the total), and the lag samples the windows held:\n\n| layout | snapshot | lag windows | "
				+ "rebalance history | total | objects | lag samples |\n|---|---|---|---|---|---|---|\n");
		for (LayoutResult result : results) {
			JsonNode heap = result.heap();
			out.append("| ")
				.append(result.layout())
				.append(" | ")
				.append(heap.path("snapshot").path("bytes").asLong())
				.append(" | ")
				.append(heap.path("lagWindows").path("bytes").asLong())
				.append(" | ")
				.append(heap.path("rebalanceHistory").path("bytes").asLong())
				.append(" | ")
				.append(heap.path("total").path("bytes").asLong())
				.append(" | ")
				.append(heap.path("total").path("objects").asLong())
				.append(" | ")
				.append(result.histogram()
					.stream()
					.filter((row) -> row.className().equals("io.github.kafkaresilience.signals.LagWindow$Sample"))
					.mapToLong(HeapHistogram.Row::instances)
					.sum())
				.append(" |\n");
		}
		out.append("\nLive instances of kafka-resilience classes (`jcmd <pid> GC.class_histogram`, shallow bytes; the ")
			.append(HISTOGRAM_ROWS)
			.append(" largest, the benchmark's own classes left out):\n");
		for (LayoutResult result : results) {
			List<HeapHistogram.Row> rows = result.histogram();
			out.append("\n")
				.append(result.layout())
				.append(": ")
				.append(rows.stream().mapToLong(HeapHistogram.Row::bytes).sum())
				.append(" bytes in ")
				.append(rows.stream().mapToLong(HeapHistogram.Row::instances).sum())
				.append(" instances of ")
				.append(rows.size())
				.append(" classes\n\n| class | instances | bytes |\n|---|---|---|\n");
			for (HeapHistogram.Row row : rows.subList(0, Math.min(HISTOGRAM_ROWS, rows.size()))) {
				out.append("| `")
					.append(row.className())
					.append("` | ")
					.append(row.instances())
					.append(" | ")
					.append(row.bytes())
					.append(" |\n");
			}
		}
		return out.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
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
	 * One refresh as the application's probe reported it.
	 *
	 * @param number the collector's refresh count after it
	 * @param startedAtMs when it started
	 * @param durationMs how long it took
	 * @param adminRequests requests the collector's Admin client sent for it
	 * @param failed whether it failed
	 * @param groups groups in the snapshot
	 * @param partitions partitions in the snapshot
	 */
	record Refresh(long number, long startedAtMs, long durationMs, double adminRequests, boolean failed, int groups,
			int partitions) {

	}

	/**
	 * What one layout measured.
	 *
	 * @param layout the layout
	 * @param first the application's first refresh (it opens the connections)
	 * @param window the refreshes during the measurement
	 * @param brokerPerRefresh broker-side requests per refresh by API over the window
	 * @param loads one load run per endpoint
	 * @param heap the application's heap figures
	 * @param histogram live kafka-resilience classes
	 */
	record LayoutResult(Layout layout, Refresh first, List<Refresh> window, Map<String, Double> brokerPerRefresh,
			List<EndpointLoad.Result> loads, JsonNode heap, List<HeapHistogram.Row> histogram) {

	}

	/**
	 * Settings of one scale benchmark.
	 *
	 * @param layouts the layouts, in order
	 * @param recordsPerPartition records written before the application starts
	 * @param trickleRate records per second while measuring
	 * @param refreshInterval the starter's refresh interval, as Spring Boot parses it
	 * @param minRefreshes refreshes the figures need at least
	 * @param endpoints actuator endpoint ids to load
	 * @param rate requests per second
	 * @param warmupRequests requests not recorded
	 * @param requests requests recorded per endpoint
	 * @param maxRun hard limit on the whole benchmark
	 * @param smoke whether this is a smoke run
	 * @param applicationJar the application jar
	 * @param applicationJvmOptions its JVM options
	 * @param extraApplicationArguments extra application arguments
	 * @param brokerClasspathFile file holding the broker's classpath
	 * @param brokerProperties extra broker settings
	 * @param output output directory
	 * @param command the command line, for the report
	 */
	record Options(List<Layout> layouts, int recordsPerPartition, int trickleRate, String refreshInterval,
			int minRefreshes, List<String> endpoints, int rate, int warmupRequests, int requests, Duration maxRun,
			boolean smoke, Path applicationJar, List<String> applicationJvmOptions,
			List<String> extraApplicationArguments, Path brokerClasspathFile, Map<String, String> brokerProperties,
			Path output, String command) {

		static Options parse(String[] args) {
			CommandLine line = new CommandLine(args, Set.of("smoke"), Set.of("app-arg", "broker-prop"));
			boolean smoke = line.flag("smoke");
			Options options = new Options(
					Arrays.stream(line.text("layouts", smoke ? "2x50,1x100" : "10x1000,1x100").split(","))
						.map(Layout::parse)
						.toList(),
					line.number("records-per-partition", smoke ? 5 : 20), line.number("trickle-rate", smoke ? 20 : 100),
					line.text("refresh-interval", smoke ? "2s" : "10s"), line.number("min-refreshes", smoke ? 3 : 6),
					List.of(line.text("endpoints", "kafkaconsumers,prometheus").split(",")), line.number("rate", 20),
					line.number("warmup-requests", smoke ? 50 : 200), line.number("requests", smoke ? 300 : 2000),
					line.seconds("max-run-s", smoke ? 600 : 1800), smoke,
					Path.of(line.text("app-jar", Harness.ACTUATOR_APP_JAR)),
					Arrays.asList(line.text("app-jvm-opts", "-Xmx512m -XX:+UseSerialGC").trim().split("\\s+")),
					line.all("app-arg"), Path.of(line.text("broker-classpath-file", Harness.BROKER_CLASSPATH)),
					Harness.brokerProperties(line.all("broker-prop")), Path.of(line.text("out", "benchmarks/out")),
					line.text("command", "ScaleBenchmark " + String.join(" ", args)));
			line.checkAllUsed();
			if (options.rate() < 1 || options.requests() < 1 || options.minRefreshes() < 1) {
				throw new IllegalArgumentException("--rate, --requests and --min-refreshes must be at least 1");
			}
			return options;
		}

	}

}

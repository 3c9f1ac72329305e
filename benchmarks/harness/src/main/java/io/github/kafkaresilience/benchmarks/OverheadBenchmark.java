package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * The overhead benchmark: the same consumer application drains the same pre-filled topic
 * with kafka-resilience (every signal on, refreshing in the background) and without it
 * ({@code --kafka.resilience.enabled=false}), in alternating order, each run in a fresh
 * consumer group on the same broker process. The application times itself from its first
 * record to its last and exits.
 *
 * @author kafka-resilience
 */
public final class OverheadBenchmark {

	static final String TOPIC = "overhead";

	static final String USAGE = """
			Usage: run-overhead.sh [options]
			  --records N               records in the topic, drained by every run (default 1000000)
			  --partitions N            topic partitions (default 12)
			  --pairs N                 measured pairs, one run with and one without the starter (default 5)
			  --warmup-pairs N          pairs run first and not reported (default 1)
			  --concurrency N           consumers in the application (default 1)
			  --refresh-interval D      kafka.resilience.signals.refresh-interval of the starter runs (default 1s)
			  --run-timeout-s N         longest run, start-up included (default 300)
			  --max-run-s N             hard limit on the whole benchmark (default 3600)
			  --smoke                   50,000 records, 2 pairs, no warm-up pair, limits 120 s and 600 s
			  --app-jar PATH            application jar (default benchmarks/actuator-app/target/benchmark-actuator-app.jar)
			  --app-jvm-opts "OPTS"     JVM options of the application (default "-Xms512m -Xmx512m -XX:+UseSerialGC")
			  --app-cpus LIST           run the application on these CPUs only (taskset -c LIST), away from the
			                            broker, which stays on the benchmark's own CPUs (for example
			                            taskset -c 0 run-overhead.sh --app-cpus 1)
			  --app-arg ARG             extra application argument for every run, repeatable
			  --baseline-arg ARG        what makes the baseline ("plain") run, repeatable; default
			                            --kafka.resilience.enabled=false. With
			                            --bench.strip-listener-hooks=true the baseline is the starter without
			                            its per-record listener hooks, and the ratio is the hooks' cost alone
			  --broker-prop KEY=VALUE   extra broker setting, repeatable
			  --broker-classpath-file F file with the broker's classpath
			  --out DIR                 output directory (default benchmarks/out)
			""";

	private final Options options;

	private final String java = ProcessHandle.current().info().command().orElse("java");

	private final ChildProcesses children = new ChildProcesses();

	private OverheadBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Harness.quietClients();
		Options options = Harness.parseOrExit(args, Options::parse, USAGE);
		Harness.watchdog(options.maxRun());
		System.exit(new OverheadBenchmark(options).run());
	}

	private int run() throws Exception {
		Options o = this.options;
		String name = Reports.runName("overhead");
		Path directory = Harness.runDirectory(o.output(), name, this.children);
		String header = Reports.header(o.command(), o.smoke());
		List<RunResult> results = new ArrayList<>();
		try (BrokerProcess broker = BrokerProcess.start(this.children, this.java, o.brokerClasspathFile(),
				o.brokerProperties(), directory.resolve("broker.log"))) {
			Console.info("Broker " + broker.bootstrapServers() + " pid " + broker.pid());
			fill(broker.bootstrapServers());
			int run = 0;
			for (int pair = -o.warmupPairs(); pair < o.pairs(); pair++) {
				// ABBA order: neither variant always runs first, after the other's page
				// cache and broker warm-up.
				boolean starterFirst = Math.floorMod(pair, 2) == 0;
				for (boolean starter : new boolean[] { starterFirst, !starterFirst }) {
					RunResult result = drain(broker.bootstrapServers(), directory, ++run, pair, starter);
					Console.info(result.describe());
					if (pair >= 0) {
						results.add(result);
					}
				}
			}
		}
		finally {
			this.children.stopAll(Harness.CLEAN_UP_GRACE);
		}
		String report = report(header, results);
		Reports.write(o.output().resolve(name + ".md"), report);
		return 0;
	}

	private void fill(String bootstrapServers) throws Exception {
		Options o = this.options;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, o.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		List<TopicPartition> partitions = IntStream.range(0, o.partitions())
			.mapToObj((partition) -> new TopicPartition(TOPIC, partition))
			.toList();
		long started = System.nanoTime();
		try (BulkProducer producer = new BulkProducer(bootstrapServers, partitions)) {
			producer.fill(o.records());
		}
		Console.info("Wrote " + o.records() + " records to " + o.partitions() + " partitions in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
	}

	private RunResult drain(String bootstrapServers, Path directory, int run, int pair, boolean starter)
			throws IOException {
		Options o = this.options;
		String variant = starter ? "starter" : "plain";
		String group = "overhead-" + run + "-" + variant;
		Path result = directory.resolve("result-" + run + "-" + variant + ".properties");
		List<String> command = new ArrayList<>();
		if (!o.applicationCpus().isEmpty()) {
			command.addAll(List.of("taskset", "-c", o.applicationCpus()));
		}
		command.add(this.java);
		command.addAll(o.applicationJvmOptions());
		command.addAll(List.of("-jar", o.applicationJar().toAbsolutePath().toString(),
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--bench.mode=drain", "--bench.topic=" + TOPIC,
				"--bench.group=" + group, "--bench.records=" + o.records(), "--bench.result=" + result.toAbsolutePath(),
				"--bench.concurrency=" + o.concurrency(),
				"--kafka.resilience.signals.refresh-interval=" + o.refreshInterval()));
		if (!starter) {
			command.addAll(o.baselineArguments().isEmpty() ? List.of(Scenario.PLAIN) : o.baselineArguments());
		}
		command.addAll(o.extraApplicationArguments());
		Console.info("Run " + run + (pair < 0 ? " (warm-up)" : "") + ": " + variant + ", group " + group);
		long started = System.nanoTime();
		AppProcess app = AppProcess.start(this.children, command,
				directory.resolve("app-" + run + "-" + variant + ".log"));
		boolean exited = app.awaitExit(o.runTimeout());
		long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		if (!exited) {
			app.stop(Duration.ofSeconds(10));
		}
		if (!Files.exists(result)) {
			throw new IllegalStateException("Run " + run + " (" + variant + ") wrote no result within "
					+ o.runTimeout().toSeconds() + " s; see " + directory);
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return new RunResult(run, pair, variant, Long.parseLong(properties.getProperty("records")),
				Long.parseLong(properties.getProperty("elapsedNanos")),
				Long.parseLong(properties.getProperty("afterFirstTenthRecords")),
				Long.parseLong(properties.getProperty("afterFirstTenthNanos")),
				Boolean.parseBoolean(properties.getProperty("signalsCollector")),
				Long.parseLong(properties.getProperty("refreshesDuringDrain")), wallMs);
	}

	static String report(String header, List<RunResult> results) {
		StringBuilder out = new StringBuilder("# Overhead: consumer throughput with and without kafka-resilience\n\n");
		out.append(header).append('\n');
		out.append("| pair | run | variant | records | drain ms | records/s | records/s after the first tenth | "
				+ "signals collector | refreshes during drain | process wall s |\n"
				+ "|---|---|---|---|---|---|---|---|---|---|\n");
		for (RunResult result : results) {
			out.append("| ")
				.append(result.pair() + 1)
				.append(" | ")
				.append(result.run())
				.append(" | ")
				.append(result.variant())
				.append(" | ")
				.append(result.records())
				.append(" | ")
				.append(Reports.format(result.elapsedNanos() / 1e6, 1))
				.append(" | ")
				.append(Reports.format(result.recordsPerSecond(), 0))
				.append(" | ")
				.append(Reports.format(result.steadyRecordsPerSecond(), 0))
				.append(" | ")
				.append(result.collector() ? "yes" : "no")
				.append(" | ")
				.append(result.refreshesDuringDrain())
				.append(" | ")
				.append(Reports.format(result.wallMs() / 1000.0, 1))
				.append(" |\n");
		}
		List<Double> ratios = ratios(results, RunResult::recordsPerSecond);
		List<Double> steadyRatios = ratios(results, RunResult::steadyRecordsPerSecond);
		double median = Stats.median(ratios);
		out.append("\nRatio starter/plain per pair: ")
			.append(ratios.stream().map((ratio) -> Reports.format(ratio, 3)).toList())
			.append("; after the first tenth: ")
			.append(steadyRatios.stream().map((ratio) -> Reports.format(ratio, 3)).toList())
			.append(", median ")
			.append(Reports.format(Stats.median(steadyRatios), 3))
			.append("\n\nMedian records/s: starter ")
			.append(Reports.format(medianRate(results, "starter"), 0))
			.append(", plain ")
			.append(Reports.format(medianRate(results, "plain"), 0))
			.append("\n\n**Median ratio starter/plain: ")
			.append(Reports.format(median, 3))
			.append("** (target >= 0.98: ")
			.append(Double.isNaN(median) ? "no data" : (median >= 0.98) ? "met" : "NOT met")
			.append(")\n\nOrder-balanced ratio: ")
			.append(Reports.format(balanced(ratios), 3))
			.append(" (mean of the pairs where the starter ran first, ")
			.append(Reports.format(mean(ratios, 0), 3))
			.append(", and of those where plain ran first, ")
			.append(Reports.format(mean(ratios, 1), 3))
			.append("; the second run of a pair tends to be faster, so the median of an odd number of pairs "
					+ "leans to the order that ran more often)")
			.append("\n\nrecords/s = (records - 1) / time from the first record to the last, measured by the "
					+ "application itself (JVM start-up, context start-up and group join excluded). Load average at "
					+ "the end: ")
			.append(Reports.loadAverage())
			.append(".\n");
		return out.toString();
	}

	/**
	 * The mean of the two orders' mean ratios: pairs alternate which variant runs first,
	 * and this weighs both orders alike whatever the number of pairs.
	 */
	static double balanced(List<Double> ratios) {
		return (mean(ratios, 0) + mean(ratios, 1)) / 2;
	}

	// Pair 0, 2, ... ran the starter first (ABBA order, see run()).
	private static double mean(List<Double> ratios, int parity) {
		return IntStream.range(0, ratios.size())
			.filter((index) -> index % 2 == parity)
			.mapToDouble(ratios::get)
			.average()
			.orElse(Double.NaN);
	}

	static List<Double> ratios(List<RunResult> results, ToDoubleFunction<RunResult> rate) {
		List<Double> ratios = new ArrayList<>();
		results.stream().mapToInt(RunResult::pair).distinct().sorted().forEach((pair) -> {
			Double starter = rate(results, pair, "starter", rate);
			Double plain = rate(results, pair, "plain", rate);
			if (starter != null && plain != null) {
				ratios.add(starter / plain);
			}
		});
		return ratios;
	}

	private static Double rate(List<RunResult> results, int pair, String variant, ToDoubleFunction<RunResult> rate) {
		return results.stream()
			.filter((result) -> result.pair() == pair && result.variant().equals(variant))
			.map(rate::applyAsDouble)
			.findFirst()
			.orElse(null);
	}

	private static double medianRate(List<RunResult> results, String variant) {
		return Stats.median(results.stream()
			.filter((result) -> result.variant().equals(variant))
			.map(RunResult::recordsPerSecond)
			.toList());
	}

	/**
	 * One drain.
	 *
	 * @param run the run number, warm-ups included
	 * @param pair the pair, 0-based, negative for warm-up pairs
	 * @param variant {@code starter} or {@code plain}
	 * @param records records drained
	 * @param elapsedNanos from the first record to the last, as the application measured
	 * @param steadyRecords records after the first tenth
	 * @param steadyNanos their time, from the last record of the first tenth to the last
	 * @param collector whether the starter's signals collector ran
	 * @param refreshesDuringDrain signal refreshes that started during the drain
	 * @param wallMs process start to exit, as the harness measured
	 */
	record RunResult(int run, int pair, String variant, long records, long elapsedNanos, long steadyRecords,
			long steadyNanos, boolean collector, long refreshesDuringDrain, long wallMs) {

		double recordsPerSecond() {
			return (this.records - 1) / (this.elapsedNanos / 1e9);
		}

		double steadyRecordsPerSecond() {
			return this.steadyRecords / (this.steadyNanos / 1e9);
		}

		String describe() {
			return "Run " + this.run + " " + this.variant + ": " + this.records + " records in "
					+ Reports.format(this.elapsedNanos / 1e6, 1) + " ms = " + Reports.format(recordsPerSecond(), 0)
					+ " records/s (" + this.refreshesDuringDrain + " refreshes during the drain)";
		}

	}

	/**
	 * Settings of one overhead benchmark.
	 *
	 * @param records records in the topic
	 * @param partitions topic partitions
	 * @param pairs measured pairs
	 * @param warmupPairs pairs run first and not reported
	 * @param concurrency consumers in the application
	 * @param refreshInterval refresh interval of the starter runs, as Spring Boot parses
	 * it
	 * @param runTimeout longest run
	 * @param maxRun hard limit on the whole benchmark
	 * @param smoke whether this is a smoke run
	 * @param applicationJar the application jar
	 * @param applicationJvmOptions its JVM options
	 * @param applicationCpus CPUs the application is pinned to, empty for no pinning
	 * @param extraApplicationArguments extra arguments for every run
	 * @param baselineArguments arguments of the baseline runs, empty for Spring Boot
	 * without the starter
	 * @param brokerClasspathFile file holding the broker's classpath
	 * @param brokerProperties extra broker settings
	 * @param output output directory
	 * @param command the command line, for the report
	 */
	record Options(long records, int partitions, int pairs, int warmupPairs, int concurrency, String refreshInterval,
			Duration runTimeout, Duration maxRun, boolean smoke, Path applicationJar,
			List<String> applicationJvmOptions, String applicationCpus, List<String> extraApplicationArguments,
			List<String> baselineArguments, Path brokerClasspathFile, Map<String, String> brokerProperties, Path output,
			String command) {

		static Options parse(String[] args) {
			CommandLine line = new CommandLine(args, Set.of("smoke"), Set.of("app-arg", "baseline-arg", "broker-prop"));
			boolean smoke = line.flag("smoke");
			Options options = new Options(Long.parseLong(line.text("records", smoke ? "50000" : "1000000")),
					line.number("partitions", 12), line.number("pairs", smoke ? 2 : 5),
					line.number("warmup-pairs", smoke ? 0 : 1), line.number("concurrency", 1),
					line.text("refresh-interval", "1s"), line.seconds("run-timeout-s", smoke ? 120 : 300),
					line.seconds("max-run-s", smoke ? 600 : 3600), smoke,
					Path.of(line.text("app-jar", Harness.ACTUATOR_APP_JAR)),
					Arrays.asList(line.text("app-jvm-opts", "-Xms512m -Xmx512m -XX:+UseSerialGC").trim().split("\\s+")),
					line.text("app-cpus", ""), line.all("app-arg"), line.all("baseline-arg"),
					Path.of(line.text("broker-classpath-file", Harness.BROKER_CLASSPATH)),
					Harness.brokerProperties(line.all("broker-prop")), Path.of(line.text("out", "benchmarks/out")),
					line.text("command", "OverheadBenchmark " + String.join(" ", args)));
			line.checkAllUsed();
			if (options.records() < 20 || options.pairs() < 1) {
				throw new IllegalArgumentException("--records must be at least 20 and --pairs at least 1");
			}
			return options;
		}

	}

}

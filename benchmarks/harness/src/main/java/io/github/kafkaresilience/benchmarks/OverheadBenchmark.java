package io.github.kafkaresilience.benchmarks;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import static io.github.kafkaresilience.benchmarks.Harness.format;

/**
 * The overhead benchmark: the same application drains the same pre-filled topic with
 * kafka-resilience (every signal on) and without it, in alternating order, each run in a
 * fresh consumer group on one broker. The application times itself from its first record
 * to its last and exits.
 *
 * @author kafka-resilience
 */
@Command(name = "run-overhead.sh", description = "Overhead benchmark: see benchmarks/README.md.")
public final class OverheadBenchmark extends BenchmarkCommand {

	static final String TOPIC = "overhead";

	@Option(names = "--records", paramLabel = "N",
			description = "records in the topic, drained by every run (1000000; smoke 50000)")
	Long records;

	@Option(names = "--partitions", paramLabel = "N", defaultValue = "12", description = "topic partitions")
	int partitions;

	@Option(names = "--pairs", paramLabel = "N", description = "measured pairs (5; smoke 2)")
	Integer pairs;

	@Option(names = "--warmup-pairs", paramLabel = "N", description = "pairs run first and not reported (1; smoke 0)")
	Integer warmupPairs;

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "consumers in the application")
	int concurrency;

	@Option(names = "--refresh-interval", paramLabel = "D", defaultValue = "1s",
			description = "kafka.resilience.signals.refresh-interval of the starter runs")
	String refreshInterval;

	@Option(names = "--run-timeout-s", paramLabel = "N",
			description = "longest run, start-up included (300; smoke 120)")
	Integer runTimeoutSeconds;

	@Option(names = "--app-cpus", paramLabel = "LIST",
			description = "run the application on these CPUs only (taskset -c LIST), away from the broker")
	String applicationCpus;

	@Option(names = "--baseline-arg", paramLabel = "ARG",
			description = "what makes the baseline (plain) run, repeatable (default " + PLAIN + ")")
	List<String> baselineArguments = new ArrayList<>();

	public static void main(String[] args) {
		main(new OverheadBenchmark(), args);
	}

	long records() {
		return (this.records != null) ? this.records : this.smoke ? 50_000 : 1_000_000;
	}

	@Override
	void validate() {
		if (records() < 20 || smoke(this.pairs, 5, 2) < 1) {
			throw invalid("--records must be at least 20 and --pairs at least 1");
		}
	}

	@Override
	int defaultMaxRunSeconds() {
		return this.smoke ? 600 : 3600;
	}

	@Override
	int run() throws Exception {
		return report("overhead", (broker, directory, header) -> {
			fill(broker);
			List<RunResult> results = new ArrayList<>();
			int run = 0;
			for (int pair = -smoke(this.warmupPairs, 1, 0); pair < smoke(this.pairs, 5, 2); pair++) {
				// ABBA order: neither variant always runs first, after the other's page
				// cache and broker warm-up.
				boolean starterFirst = Math.floorMod(pair, 2) == 0;
				for (boolean starter : new boolean[] { starterFirst, !starterFirst }) {
					RunResult result = drain(broker, directory, ++run, pair, starter);
					Harness.info(result.describe());
					if (pair >= 0) {
						results.add(result);
					}
				}
			}
			return report(header, results);
		});
	}

	private void fill(Broker broker) throws Exception {
		try (Admin admin = broker.admin("bench-overhead")) {
			Broker.createTopics(admin, List.of(new NewTopic(TOPIC, this.partitions, (short) 1)));
		}
		long started = System.nanoTime();
		try (Producer producer = Producer.roundRobin(broker.bootstrapServers(),
				IntStream.range(0, this.partitions).mapToObj((p) -> new TopicPartition(TOPIC, p)).toList())) {
			producer.fill(records());
		}
		Harness.info("Wrote " + records() + " records to " + this.partitions + " partitions in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
	}

	private RunResult drain(Broker broker, Path directory, int run, int pair, boolean starter) throws Exception {
		String variant = starter ? "starter" : "plain";
		String group = "overhead-" + run + "-" + variant;
		Path result = directory.resolve("result-" + run + "-" + variant + ".properties");
		List<String> command = new ArrayList<>();
		if (this.applicationCpus != null) {
			command.addAll(List.of("taskset", "-c", this.applicationCpus));
		}
		command.addAll(javaCommand("-Xms512m -Xmx512m -XX:+UseSerialGC", List.of(), ACTUATOR_APP_JAR));
		command.addAll(List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--bench.mode=drain",
				"--bench.topic=" + TOPIC, "--bench.group=" + group, "--bench.records=" + records(),
				"--bench.result=" + result.toAbsolutePath(), "--bench.concurrency=" + this.concurrency,
				"--kafka.resilience.signals.refresh-interval=" + this.refreshInterval));
		if (!starter) {
			command.addAll(this.baselineArguments.isEmpty() ? List.of(PLAIN) : this.baselineArguments);
		}
		command.addAll(this.extraApplicationArguments);
		Harness.info("Run " + run + (pair < 0 ? " (warm-up)" : "") + ": " + variant + ", group " + group);
		long started = System.nanoTime();
		Process app = this.processes.startApplication(command,
				directory.resolve("app-" + run + "-" + variant + ".log"));
		Duration timeout = Duration.ofSeconds(smoke(this.runTimeoutSeconds, 300, 120));
		boolean exited = Processes.awaitExit(app, timeout);
		long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		if (!exited) {
			this.processes.stop(app, Duration.ofSeconds(10));
		}
		if (!Files.exists(result)) {
			throw new IllegalStateException("Run " + run + " (" + variant + ") wrote no result within "
					+ timeout.toSeconds() + " s; see " + directory);
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		ToLongFunction<String> number = (key) -> Long.parseLong(properties.getProperty(key));
		return new RunResult(run, pair, variant, number.applyAsLong("records"), number.applyAsLong("elapsedNanos"),
				number.applyAsLong("afterFirstTenthRecords"), number.applyAsLong("afterFirstTenthNanos"),
				Boolean.parseBoolean(properties.getProperty("signalsCollector")),
				number.applyAsLong("refreshesDuringDrain"), wallMs);
	}

	static String report(String header, List<RunResult> results) {
		StringBuilder out = new StringBuilder("# Overhead: consumer throughput with and without kafka-resilience\n\n");
		out.append(header).append('\n');
		out.append(Harness.tableHeader("pair", "run", "variant", "records", "drain ms", "records/s",
				"records/s after the first tenth", "signals collector", "refreshes during drain", "process wall s"));
		for (RunResult r : results) {
			out.append(
					Harness.tableRow(r.pair() + 1, r.run(), r.variant(), r.records(), format(r.elapsedNanos() / 1e6, 1),
							format(r.recordsPerSecond(), 0), format(r.steadyRecordsPerSecond(), 0),
							r.collector() ? "yes" : "no", r.refreshesDuringDrain(), format(r.wallMs() / 1000.0, 1)));
		}
		List<Double> ratios = ratios(results, RunResult::recordsPerSecond);
		List<Double> steady = ratios(results, RunResult::steadyRecordsPerSecond);
		double median = Harness.median(ratios);
		out.append("\nRatio starter/plain per pair: " + formatted(ratios) + "; after the first tenth: "
				+ formatted(steady) + ", median " + format(Harness.median(steady), 3));
		out.append("\n\nMedian records/s: starter " + format(medianRate(results, "starter"), 0) + ", plain "
				+ format(medianRate(results, "plain"), 0));
		out.append("\n\n**Median ratio starter/plain: " + format(median, 3) + "** (target >= 0.98: "
				+ (Double.isNaN(median) ? "no data" : (median >= 0.98) ? "met" : "NOT met") + ")");
		out.append("\n\nOrder-balanced ratio: " + format(balanced(ratios), 3) + " (starter first "
				+ format(mean(ratios, 0), 3) + ", plain first " + format(mean(ratios, 1), 3)
				+ "). Load average at the end: " + Harness.loadAverage() + ".\n");
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

	// Per pair, in pair order; a pair without both variants has no ratio.
	static List<Double> ratios(List<RunResult> results, ToDoubleFunction<RunResult> rate) {
		Map<Integer, Map<String, Double>> pairs = new TreeMap<>();
		results.forEach((result) -> pairs.computeIfAbsent(result.pair(), (pair) -> new HashMap<>())
			.put(result.variant(), rate.applyAsDouble(result)));
		return pairs.values()
			.stream()
			.filter((pair) -> pair.size() == 2)
			.map((pair) -> pair.get("starter") / pair.get("plain"))
			.toList();
	}

	private static List<String> formatted(List<Double> ratios) {
		return ratios.stream().map((ratio) -> format(ratio, 3)).toList();
	}

	private static double medianRate(List<RunResult> results, String variant) {
		return Harness.median(results.stream()
			.filter((result) -> result.variant().equals(variant))
			.map(RunResult::recordsPerSecond)
			.toList());
	}

	/**
	 * One drain: the application's own timing, and the harness's of the whole process.
	 *
	 * @param run the run number, warm-ups included
	 * @param pair the pair, 0-based, negative for warm-up pairs
	 * @param variant {@code starter} or {@code plain}
	 * @param records records drained
	 * @param elapsedNanos from the first record to the last
	 * @param steadyRecords records after the first tenth
	 * @param steadyNanos their time, from the last record of the first tenth to the last
	 * @param collector whether the starter's signals collector ran
	 * @param refreshesDuringDrain signal refreshes that started during the drain
	 * @param wallMs process start to exit
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
					+ format(this.elapsedNanos / 1e6, 1) + " ms = " + format(recordsPerSecond(), 0) + " records/s ("
					+ this.refreshesDuringDrain + " refreshes during the drain)";
		}

	}

}

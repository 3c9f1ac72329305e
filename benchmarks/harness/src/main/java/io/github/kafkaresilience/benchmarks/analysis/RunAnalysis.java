package io.github.kafkaresilience.benchmarks.analysis;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.kafkaresilience.benchmarks.Stats;
import io.github.kafkaresilience.benchmarks.analysis.CoordinatorEvent.Kind;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Gap;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Progress;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;

/**
 * Computes a {@link RunResult} from the logs of one rolling-restart run: the producer's
 * log, every consumption log, the driver's events and the broker's group coordinator
 * lines.
 *
 * @author kafka-resilience
 */
public final class RunAnalysis {

	private final String run;

	private final Properties settings;

	private final List<RunEvent> events;

	private final List<Produced> produced;

	private final List<Consumed> consumed;

	private final List<CoordinatorEvent> coordinator;

	/**
	 * Create an analysis of logs already read.
	 * @param run the run's name
	 * @param settings the run's settings
	 * @param events the driver's events
	 * @param produced the producer's log
	 * @param consumed every consumption log line
	 * @param coordinator the coordinator's lines about the group
	 */
	public RunAnalysis(String run, Properties settings, List<RunEvent> events, List<Produced> produced,
			List<Consumed> consumed, List<CoordinatorEvent> coordinator) {
		this.run = run;
		this.settings = settings;
		this.events = List.copyOf(events);
		this.produced = List.copyOf(produced);
		this.consumed = List.copyOf(consumed);
		this.coordinator = List.copyOf(coordinator);
	}

	private static final Pattern STARTUP_REPORT_LINE = Pattern
		.compile("^\\s{2}[a-z.]+\\s*= .*\\[(user|kafka-resilience|Kafka default)\\]$");

	/**
	 * Read every log of a run directory.
	 * @param directory the run directory
	 * @return the analysis
	 * @throws IOException if a log cannot be read
	 */
	public static RunAnalysis read(Path directory) throws IOException {
		RunFiles files = new RunFiles(directory);
		Properties settings = new Properties();
		try (Reader reader = Files.newBufferedReader(files.settings(), StandardCharsets.UTF_8)) {
			settings.load(reader);
		}
		List<RunEvent> events = lines(files.events(), RunEvent.CSV_HEADER, RunEvent::parse);
		List<Produced> produced = lines(files.produced(), Produced.CSV_HEADER, Produced::parse);
		List<Consumed> consumed = new ArrayList<>();
		try (DirectoryStream<Path> logs = Files.newDirectoryStream(directory, RunFiles.CONSUMED_PREFIX + "*.csv")) {
			for (Path log : logs) {
				consumed.addAll(lines(log, null, Consumed::parse));
			}
		}
		CoordinatorEvent.Parser parser = CoordinatorEvent.parser(settings.getProperty("group"));
		List<CoordinatorEvent> coordinator = new ArrayList<>();
		if (Files.exists(files.brokerLog())) {
			try (Stream<String> lines = Files.lines(files.brokerLog(), StandardCharsets.UTF_8)) {
				lines.map(parser::parse).flatMap(Optional::stream).forEach(coordinator::add);
			}
		}
		return new RunAnalysis(directory.getFileName().toString(), settings, events, produced, consumed, coordinator);
	}

	private static <T> List<T> lines(Path file, String header, Function<String, T> parser) throws IOException {
		List<T> parsed = new ArrayList<>();
		try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
			// A process stopped mid-write can leave a partial last line; it is skipped
			// rather than failing the whole analysis.
			lines.filter((line) -> !line.isBlank() && !line.equals(header)).forEach((line) -> {
				try {
					parsed.add(parser.apply(line));
				}
				catch (RuntimeException ex) {
					System.err.println("Skipping malformed line in " + file.getFileName() + ": " + line);
				}
			});
		}
		return parsed;
	}

	/**
	 * Compute the result.
	 * @return the result
	 */
	public RunResult result() {
		long threshold = longSetting("gapThresholdMs");
		Map<PartitionOffset, Produced> acknowledged = acknowledged();
		long sendFailures = this.produced.stream().filter((record) -> !record.acknowledged()).count();
		Map<PartitionOffset, Consumed> first = firstConsumptions();
		long keyMismatches = first.entrySet().stream().filter((entry) -> {
			Produced record = acknowledged.get(entry.getKey());
			return record == null || !record.key().equals(entry.getValue().key());
		}).count();
		long lost = acknowledged.keySet().stream().filter((key) -> !first.containsKey(key)).count();

		Map<Integer, List<Progress>> byPartition = progressByPartition(acknowledged, first);
		List<Progress> all = byPartition.values().stream().flatMap(List::stream).toList();
		List<Long> latencies = all.stream()
			.map((progress) -> progress.consumedAtMs() - progress.producedAtMs())
			.sorted()
			.toList();

		Map<String, List<long[]>> restarting = restartWindows();
		// The roll is what is measured: a group still finishing its first assignment when
		// production starts (KIP-848 members wait out a poll first) is not a stall of the
		// roll.
		long rollStart = eventTime(Type.ROLL_STARTED).orElse(Long.MIN_VALUE);
		long stalled = 0;
		long longest = 0;
		long longestUntouched = 0;
		long longestSameOwner = 0;
		for (List<Progress> partition : byPartition.values()) {
			for (Gap gap : fromRollStart(Gaps.of(partition), rollStart)) {
				if (gap.lengthMs() > threshold) {
					stalled += gap.lengthMs();
				}
				longest = Math.max(longest, gap.lengthMs());
				if (gap.before() != null && !isRestarting(restarting, gap.before(), gap)) {
					longestUntouched = Math.max(longestUntouched, gap.lengthMs());
					if (gap.before().equals(gap.after())) {
						longestSameOwner = Math.max(longestSameOwner, gap.lengthMs());
					}
				}
			}
		}
		long groupWideStop = fromRollStart(Gaps.of(all), rollStart).stream()
			.mapToLong(Gap::lengthMs)
			.filter((length) -> length > threshold)
			.sum();

		long rollEnd = eventTime(Type.SETTLED).or(() -> eventTime(Type.ROLL_FINISHED)).orElse(Long.MAX_VALUE);
		List<CoordinatorEvent> duringRoll = this.coordinator.stream()
			.filter((event) -> event.atMs() >= rollStart && event.atMs() <= rollEnd)
			.toList();
		int rebalances = (int) duringRoll.stream()
			.filter((event) -> event.kind() == Kind.STABILIZED || event.kind() == Kind.TARGET_ASSIGNMENT)
			.map((event) -> event.kind() + ":" + event.generation())
			.distinct()
			.count();

		List<RunEvent> roll = this.events.stream()
			.filter((event) -> event.atMs() >= rollStart
					&& event.atMs() <= eventTime(Type.ROLL_FINISHED).orElse(Long.MAX_VALUE))
			.toList();
		return new RunResult(this.run, this.settings.getProperty("label", this.settings.getProperty("scenario")),
				intSetting("instances"), intSetting("concurrency"), intSetting("processingMs"),
				intSetting("ratePerSecond"), acknowledged.size(), sendFailures, first.size(),
				this.consumed.size() - first.size(), lost, keyMismatches, count(roll, Type.SIGTERM_SENT),
				count(roll, Type.INSTANCE_NOT_HEALTHY), meanBetween(roll, Type.SIGTERM_SENT, Type.INSTANCE_EXITED),
				meanBetween(roll, Type.INSTANCE_EXITED, Type.INSTANCE_HEALTHY), rebalances,
				count(duringRoll, Kind.PREPARING_REBALANCE), count(duringRoll, Kind.LEFT),
				count(duringRoll, Kind.EXPIRED), groupWideStop, stalled, longest, longestUntouched, longestSameOwner,
				percentile(latencies, 50), percentile(latencies, 99),
				latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1), threshold,
				Integer.parseInt(this.settings.getProperty("burst", "0")), burstDrainMs(acknowledged, first));
	}

	/**
	 * A Markdown account of the run: the result plus the timeline of driver events and
	 * coordinator lines, for reading a surprising number back to what happened.
	 * @return the Markdown text
	 */
	public String summary() {
		RunResult result = result();
		StringBuilder text = new StringBuilder();
		text.append("# Run ").append(this.run).append("\n\n");
		text.append("Command: `").append(this.settings.getProperty("command", "")).append("`\n\n");
		text.append(ResultTable.markdownHeader()).append('\n').append(ResultTable.markdownRow(result)).append("\n\n");
		text.append("```\n").append(ResultTable.csvHeader()).append('\n').append(ResultTable.csvRow(result));
		text.append("\n```\n\n## Timeline (seconds since production started)\n\n```\n");
		long zero = eventTime(Type.PRODUCTION_STARTED).orElse(this.events.isEmpty() ? 0 : this.events.get(0).atMs());
		record Line(long atMs, String text) {
		}
		List<Line> timeline = new ArrayList<>();
		this.events.forEach((event) -> timeline.add(new Line(event.atMs(),
				"driver       " + event.type() + " " + event.instance() + " " + event.detail())));
		this.coordinator.forEach((event) -> timeline.add(new Line(event.atMs(), "coordinator  " + event.line())));
		timeline.sort(Comparator.comparingLong(Line::atMs));
		timeline.forEach((line) -> text
			.append(String.format(Locale.ROOT, "%8.3f  %s%n", (line.atMs() - zero) / 1000.0, line.text().strip())));
		text.append("```\n\n## Longest gap per partition (ms)\n\n");
		Map<Integer, Long> longestPerPartition = new TreeMap<>();
		progressByPartition(acknowledged(), firstConsumptions()).forEach((partition, progress) -> longestPerPartition
			.put(partition, Gaps.of(progress).stream().mapToLong(Gap::lengthMs).max().orElse(0)));
		longestPerPartition.forEach((partition,
				gap) -> text.append("- partition ").append(partition).append(": ").append(gap).append('\n'));
		return text.toString();
	}

	private Map<PartitionOffset, Produced> acknowledged() {
		Map<PartitionOffset, Produced> acknowledged = new HashMap<>();
		this.produced.stream()
			.filter(Produced::acknowledged)
			.forEach((record) -> acknowledged.put(new PartitionOffset(record.partition(), record.offset()), record));
		return acknowledged;
	}

	// The producer's own timestamp where it acknowledged the record, else the record's.
	private static Map<Integer, List<Progress>> progressByPartition(Map<PartitionOffset, Produced> acknowledged,
			Map<PartitionOffset, Consumed> first) {
		Map<Integer, List<Progress>> byPartition = new TreeMap<>();
		first.forEach((key, record) -> {
			Produced sent = acknowledged.get(key);
			long producedAt = (sent != null) ? sent.producedAtMs() : record.producedAtMs();
			byPartition.computeIfAbsent(key.partition(), (partition) -> new ArrayList<>())
				.add(new Progress(producedAt, record.consumedAtMs(), record.instance()));
		});
		return byPartition;
	}

	private Map<PartitionOffset, Consumed> firstConsumptions() {
		Map<PartitionOffset, Consumed> first = new LinkedHashMap<>();
		for (Consumed record : this.consumed) {
			first.merge(new PartitionOffset(record.partition(), record.offset()), record,
					(a, b) -> (b.consumedAtMs() < a.consumedAtMs()) ? b : a);
		}
		return first;
	}

	// From SIGTERM until the instance is healthy again (or the run ends).
	private Map<String, List<long[]>> restartWindows() {
		Map<String, List<long[]>> windows = new HashMap<>();
		Map<String, Long> open = new HashMap<>();
		for (RunEvent event : this.events) {
			if (event.type() == Type.SIGTERM_SENT) {
				open.put(event.instance(), event.atMs());
			}
			else if ((event.type() == Type.INSTANCE_HEALTHY || event.type() == Type.INSTANCE_NOT_HEALTHY)
					&& open.containsKey(event.instance())) {
				windows.computeIfAbsent(event.instance(), (instance) -> new ArrayList<>())
					.add(new long[] { open.remove(event.instance()), event.atMs() });
			}
		}
		open.forEach((instance, from) -> windows.computeIfAbsent(instance, (key) -> new ArrayList<>())
			.add(new long[] { from, Long.MAX_VALUE }));
		return windows;
	}

	private static boolean isRestarting(Map<String, List<long[]>> windows, String instance, Gap gap) {
		return windows.getOrDefault(instance, List.of())
			.stream()
			.anyMatch((window) -> gap.overlaps(window[0], window[1]));
	}

	private long burstDrainMs(Map<PartitionOffset, Produced> acknowledged, Map<PartitionOffset, Consumed> first) {
		return eventTime(Type.BURST_STARTED)
			.map((start) -> acknowledged.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().key().startsWith("b"))
				.map((entry) -> first.get(entry.getKey()))
				.filter(Objects::nonNull)
				.mapToLong(Consumed::consumedAtMs)
				.max()
				.orElse(start) - start)
			.orElse(0L);
	}

	private Optional<Long> eventTime(Type type) {
		return this.events.stream().filter((event) -> event.type() == type).map(RunEvent::atMs).findFirst();
	}

	private static int count(List<RunEvent> events, Type type) {
		return (int) events.stream().filter((event) -> event.type() == type).count();
	}

	private static int count(List<CoordinatorEvent> events, Kind kind) {
		return (int) events.stream().filter((event) -> event.kind() == kind).count();
	}

	// Mean time from each 'from' event to the same instance's next 'to' event.
	private static long meanBetween(List<RunEvent> events, Type from, Type to) {
		Map<String, Long> started = new HashMap<>();
		List<Long> durations = new ArrayList<>();
		for (RunEvent event : events) {
			if (event.type() == from) {
				started.put(event.instance(), event.atMs());
			}
			else if (event.type() == to && started.containsKey(event.instance())) {
				durations.add(event.atMs() - started.remove(event.instance()));
			}
		}
		return Math.round(durations.stream().mapToLong(Long::longValue).average().orElse(0));
	}

	// Nearest-rank, as every report of the harness; 0 when nothing was consumed.
	private static long percentile(List<Long> values, int percent) {
		return values.isEmpty() ? 0
				: (long) Stats.percentile(values.stream().mapToDouble(Long::doubleValue).toArray(), percent);
	}

	private int intSetting(String key) {
		return Integer.parseInt(Objects.requireNonNull(this.settings.getProperty(key), key));
	}

	private long longSetting(String key) {
		return Long.parseLong(Objects.requireNonNull(this.settings.getProperty(key), key));
	}

	private record PartitionOffset(int partition, long offset) {

	}

	/**
	 * Analyse a run directory and print its Markdown and CSV rows.
	 * @param args the run directory
	 * @throws IOException if a log cannot be read
	 */
	/**
	 * The consumer settings the first instance's first incarnation reported at startup
	 * (kafka-resilience's startup report: each value and where it came from), as a
	 * Markdown section. It shows what was measured, whatever the command line meant: a
	 * stale application jar would show its old defaults here.
	 * @param directory the run directory
	 * @return the section
	 * @throws IOException if the log cannot be read
	 */
	public static String consumerSettings(Path directory) throws IOException {
		Path log = new RunFiles(directory).applicationLog("app-1", 0);
		StringBuilder text = new StringBuilder("\n## Consumer settings (app-1's startup report)\n\n");
		List<String> report = new ArrayList<>();
		if (Files.exists(log)) {
			try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
				lines.filter((line) -> STARTUP_REPORT_LINE.matcher(line).matches()).forEach(report::add);
			}
		}
		if (report.isEmpty()) {
			return text.append("No kafka-resilience startup report (the starter is disabled or absent).\n").toString();
		}
		text.append("```\n");
		report.forEach((line) -> text.append(line.strip()).append('\n'));
		return text.append("```\n").toString();
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("Usage: RunAnalysis <run directory>");
			System.exit(2);
		}
		RunResult result = read(Path.of(args[0])).result();
		System.out.println(ResultTable.markdownHeader());
		System.out.println(ResultTable.markdownRow(result));
		System.out.println();
		System.out.println(ResultTable.csvHeader());
		System.out.println(ResultTable.csvRow(result));
	}

	/**
	 * The parts of the gaps after the roll started.
	 */
	private static List<Gap> fromRollStart(List<Gap> gaps, long rollStart) {
		return gaps.stream()
			.filter((gap) -> gap.endMs() > rollStart)
			.map((gap) -> (gap.startMs() >= rollStart) ? gap
					: new Gap(rollStart, gap.endMs(), gap.before(), gap.after()))
			.toList();
	}

}

package io.github.kafkaresilience.benchmarks.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

import io.github.kafkaresilience.benchmarks.Harness;
import io.github.kafkaresilience.benchmarks.analysis.CoordinatorEvent.Kind;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Gap;
import io.github.kafkaresilience.benchmarks.analysis.Gaps.Progress;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;

/**
 * Computes a {@link RunResult} from the logs of one rolling-restart run: the producer's
 * log, every consumption log, the driver's events and the broker's coordinator lines.
 * {@code analyze.sh RUN_DIR} prints its Markdown and CSV rows.
 *
 * @author kafka-resilience
 */
public final class RunAnalysis {

	private static final Pattern STARTUP_REPORT_LINE = Pattern
		.compile("^\\s{2}[a-z.]+\\s*= .*\\[(user|kafka-resilience|Kafka default)\\]$");

	private final String run;

	private final Properties settings;

	private final List<RunEvent> events;

	private final List<Produced> produced;

	private final List<Consumed> consumed;

	private final List<CoordinatorEvent> coordinator;

	private final Map<PartitionOffset, Produced> acknowledged = new HashMap<>();

	private final Map<PartitionOffset, Consumed> first = new LinkedHashMap<>();

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
		produced.stream()
			.filter(Produced::acknowledged)
			.forEach((record) -> this.acknowledged.put(new PartitionOffset(record.partition(), record.offset()),
					record));
		for (Consumed record : consumed) {
			this.first.merge(new PartitionOffset(record.partition(), record.offset()), record,
					(a, b) -> (b.consumedAtMs() < a.consumedAtMs()) ? b : a);
		}
	}

	/**
	 * Read every log of a run directory.
	 * @param directory the run directory
	 * @return the analysis
	 * @throws IOException if a log cannot be read
	 */
	public static RunAnalysis read(Path directory) throws IOException {
		RunFiles files = new RunFiles(directory);
		Properties settings = files.readSettings();
		Function<String, Optional<CoordinatorEvent>> parser = CoordinatorEvent.parser(settings.getProperty("group"));
		List<CoordinatorEvent> coordinator = new ArrayList<>();
		if (Files.exists(files.brokerLog())) {
			try (Stream<String> lines = Files.lines(files.brokerLog(), StandardCharsets.UTF_8)) {
				lines.map(parser).flatMap(Optional::stream).forEach(coordinator::add);
			}
		}
		return new RunAnalysis(directory.getFileName().toString(), settings, files.readEvents(), files.readProduced(),
				files.readConsumed(), coordinator);
	}

	/**
	 * Compute the result.
	 * @return the result
	 */
	public RunResult result() {
		long threshold = Long.parseLong(setting("gapThresholdMs"));
		long keyMismatches = this.first.entrySet().stream().filter((entry) -> {
			Produced record = this.acknowledged.get(entry.getKey());
			return record == null || !record.key().equals(entry.getValue().key());
		}).count();
		Map<Integer, List<Progress>> byPartition = progressByPartition();
		List<Progress> all = byPartition.values().stream().flatMap(List::stream).toList();
		double[] latencies = all.stream().mapToDouble((p) -> p.consumedAtMs() - p.producedAtMs()).toArray();
		// The roll is what is measured: a group still finishing its first assignment when
		// production starts (KIP-848 members wait out a poll first) is not a stall of it.
		long rollStart = eventTime(Type.ROLL_STARTED).orElse(Long.MIN_VALUE);
		long rollFinished = eventTime(Type.ROLL_FINISHED).orElse(Long.MAX_VALUE);
		Map<String, List<long[]>> restarting = restartWindows();
		long stalled = 0;
		long longest = 0;
		long longestUntouched = 0;
		long longestSameOwner = 0;
		for (List<Progress> partition : byPartition.values()) {
			for (Gap gap : fromRollStart(Gaps.of(partition), rollStart)) {
				stalled += (gap.lengthMs() > threshold) ? gap.lengthMs() : 0;
				longest = Math.max(longest, gap.lengthMs());
				if (gap.before() != null && restarting.getOrDefault(gap.before(), List.of())
					.stream()
					.noneMatch((window) -> gap.overlaps(window[0], window[1]))) {
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
		long rollEnd = eventTime(Type.SETTLED).orElse(rollFinished);
		List<CoordinatorEvent> duringRoll = this.coordinator.stream()
			.filter((event) -> event.atMs() >= rollStart && event.atMs() <= rollEnd)
			.toList();
		int rebalances = (int) duringRoll.stream()
			.filter((event) -> event.kind() == Kind.STABILIZED || event.kind() == Kind.TARGET_ASSIGNMENT)
			.map((event) -> event.kind() + ":" + event.generation())
			.distinct()
			.count();
		List<RunEvent> roll = this.events.stream()
			.filter((event) -> event.atMs() >= rollStart && event.atMs() <= rollFinished)
			.toList();
		return new RunResult(this.run, this.settings.getProperty("label", setting("scenario")),
				Integer.parseInt(setting("instances")), Integer.parseInt(setting("concurrency")),
				Integer.parseInt(setting("processingMs")), Integer.parseInt(setting("ratePerSecond")),
				this.acknowledged.size(), this.produced.stream().filter((record) -> !record.acknowledged()).count(),
				this.first.size(), this.consumed.size() - this.first.size(),
				this.acknowledged.keySet().stream().filter((key) -> !this.first.containsKey(key)).count(),
				keyMismatches, count(roll, Type.SIGTERM_SENT), count(roll, Type.INSTANCE_NOT_HEALTHY),
				meanBetween(roll, Type.SIGTERM_SENT, Type.INSTANCE_EXITED),
				meanBetween(roll, Type.INSTANCE_EXITED, Type.INSTANCE_HEALTHY), rebalances,
				count(duringRoll, Kind.PREPARING_REBALANCE), count(duringRoll, Kind.LEFT),
				count(duringRoll, Kind.EXPIRED), groupWideStop, stalled, longest, longestUntouched, longestSameOwner,
				percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100), threshold,
				Integer.parseInt(this.settings.getProperty("burst", "0")), burstDrainMs());
	}

	/**
	 * A Markdown account of the run: the result plus the timeline of driver events and
	 * coordinator lines, for reading a surprising number back to what happened.
	 * @return the Markdown text
	 */
	public String summary() {
		RunResult result = result();
		StringBuilder text = new StringBuilder("# Run " + this.run + "\n\n");
		text.append("Command: `").append(this.settings.getProperty("command", "")).append("`\n\n");
		text.append(RunResult.markdownHeader()).append(result.markdownRow()).append('\n');
		text.append("```\n").append(RunResult.csvHeader()).append('\n').append(result.csvRow());
		text.append("\n```\n\n## Timeline (seconds since production started)\n\n```\n");
		long zero = zeroMs();
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
		progressByPartition().forEach((partition, progress) -> text.append("- partition " + partition + ": "
				+ Gaps.of(progress).stream().mapToLong(Gap::lengthMs).max().orElse(0) + "\n"));
		return text.toString();
	}

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
		List<String> report = new ArrayList<>();
		if (Files.exists(log)) {
			try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
				lines.filter((line) -> STARTUP_REPORT_LINE.matcher(line).matches())
					.forEach((line) -> report.add(line.strip()));
			}
		}
		return "\n## Consumer settings (app-1's startup report)\n\n"
				+ (report.isEmpty() ? "No kafka-resilience startup report (the starter is disabled or absent).\n"
						: "```\n" + String.join("\n", report) + "\n```\n");
	}

	// Each partition's first consumptions, timed from the producer's own timestamp
	// where it acknowledged the record, else from the record's.
	Map<Integer, List<Progress>> progressByPartition() {
		Map<Integer, List<Progress>> byPartition = new TreeMap<>();
		this.first.forEach((key, record) -> {
			Produced sent = this.acknowledged.get(key);
			byPartition.computeIfAbsent(key.partition(), (partition) -> new ArrayList<>())
				.add(new Progress((sent != null) ? sent.producedAtMs() : record.producedAtMs(), record.consumedAtMs(),
						record.instance()));
		});
		return byPartition;
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

	// The parts of the gaps after the roll started.
	private static List<Gap> fromRollStart(List<Gap> gaps, long rollStart) {
		return gaps.stream()
			.filter((gap) -> gap.endMs() > rollStart)
			.map((gap) -> (gap.startMs() >= rollStart) ? gap
					: new Gap(rollStart, gap.endMs(), gap.before(), gap.after()))
			.toList();
	}

	// From the burst to the first consumption of its last record.
	private long burstDrainMs() {
		return eventTime(Type.BURST_STARTED)
			.map((start) -> this.acknowledged.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().key().startsWith("b"))
				.map((entry) -> this.first.get(entry.getKey()))
				.filter(Objects::nonNull)
				.mapToLong(Consumed::consumedAtMs)
				.max()
				.orElse(start) - start)
			.orElse(0L);
	}

	long zeroMs() {
		return eventTime(Type.PRODUCTION_STARTED).orElse(this.events.isEmpty() ? 0 : this.events.get(0).atMs());
	}

	List<RunEvent> events() {
		return this.events;
	}

	String title() {
		return setting("scenario") + ", " + setting("instances") + " instances, " + setting("processingMs")
				+ " ms/record   (" + this.run + ")";
	}

	Optional<Long> eventTime(Type type) {
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
	private static long percentile(double[] values, int percent) {
		return (values.length == 0) ? 0 : (long) Harness.percentile(values, percent);
	}

	private String setting(String key) {
		return Objects.requireNonNull(this.settings.getProperty(key), key);
	}

	private record PartitionOffset(int partition, long offset) {

	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("Usage: analyze.sh RUN_DIR");
			System.exit(2);
		}
		RunResult result = read(Path.of(args[0])).result();
		System.out.println(RunResult.markdownHeader() + result.markdownRow());
		System.out.println(RunResult.csvHeader() + "\n" + result.csvRow());
	}

}

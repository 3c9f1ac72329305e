package io.github.kafkaresilience.benchmarks.analysis;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders results as a Markdown table row and as a CSV row, with matching headers.
 *
 * @author kafka-resilience
 */
public final class ResultTable {

	private static final List<String> MARKDOWN_COLUMNS = List.of("scenario", "instances", "processing ms", "produced",
			"rebalances", "group-wide stop s", "stalled partition-s", "longest gap s", "longest gap, not restarting s",
			"p50 ms", "p99 ms", "max ms", "lost", "duplicates");

	private static final List<String> CSV_COLUMNS = List.of("run", "scenario", "instances", "concurrency",
			"processingMs", "ratePerSecond", "produced", "sendFailures", "consumed", "duplicates", "lost",
			"keyMismatches", "restarts", "notHealthy", "meanStopMs", "meanBackMs", "rebalances", "joinPhases", "leaves",
			"expirations", "groupWideStopMs", "stalledPartitionMs", "longestGapMs", "longestGapUntouchedMs",
			"longestGapSameOwnerMs", "latencyP50Ms", "latencyP99Ms", "latencyMaxMs", "gapThresholdMs", "burst",
			"burstDrainMs");

	private ResultTable() {
	}

	/**
	 * The Markdown header and separator lines.
	 * @return two lines
	 */
	public static String markdownHeader() {
		return "| " + String.join(" | ", MARKDOWN_COLUMNS) + " |\n"
				+ MARKDOWN_COLUMNS.stream().map((column) -> "---").collect(Collectors.joining("|", "|", "|"));
	}

	/**
	 * One Markdown row.
	 * @param result the result
	 * @return the row
	 */
	public static String markdownRow(RunResult result) {
		List<Object> cells = List.of(result.scenario(), result.instances(), result.processingMs(), result.produced(),
				result.rebalances(), seconds(result.groupWideStopMs()), seconds(result.stalledPartitionMs()),
				seconds(result.longestGapMs()), seconds(result.longestGapUntouchedMs()), result.latencyP50Ms(),
				result.latencyP99Ms(), result.latencyMaxMs(), result.lost(), result.duplicates());
		return cells.stream().map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |"));
	}

	/**
	 * The CSV header.
	 * @return one line
	 */
	public static String csvHeader() {
		return String.join(",", CSV_COLUMNS);
	}

	/**
	 * One CSV row.
	 * @param r the result
	 * @return the row
	 */
	public static String csvRow(RunResult r) {
		List<Object> cells = List.of(r.run(), r.scenario(), r.instances(), r.concurrency(), r.processingMs(),
				r.ratePerSecond(), r.produced(), r.sendFailures(), r.consumed(), r.duplicates(), r.lost(),
				r.keyMismatches(), r.restarts(), r.notHealthy(), r.meanStopMs(), r.meanBackMs(), r.rebalances(),
				r.joinPhases(), r.leaves(), r.expirations(), r.groupWideStopMs(), r.stalledPartitionMs(),
				r.longestGapMs(), r.longestGapUntouchedMs(), r.longestGapSameOwnerMs(), r.latencyP50Ms(),
				r.latencyP99Ms(), r.latencyMaxMs(), r.gapThresholdMs(), r.burst(), r.burstDrainMs());
		return cells.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
	}

}

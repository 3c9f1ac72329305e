package io.github.kafkaresilience.benchmarks.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.github.kafkaresilience.benchmarks.Harness;

/**
 * Summarises the rows of {@code results.csv} per configuration and cell (label,
 * instances, concurrency, processing time, rate, burst): how many runs, and for each
 * measure the median and the worst run. Repeated runs of a cell tell a difference from
 * noise; the worst run is what the targets ("in every cell") are about.
 *
 * @author kafka-resilience
 */
public final class ResultSummary {

	private ResultSummary() {
	}

	/**
	 * {@code summarize.sh results.csv [--from RUN-PREFIX]}: with {@code --from}, only
	 * runs whose directory name sorts at or after the prefix (a timestamp such as
	 * {@code 20261121-1430}) count.
	 * @param args the file and options
	 * @throws IOException if the file cannot be read
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1 && !(args.length == 3 && args[1].equals("--from"))) {
			System.err.println("Usage: summarize.sh results.csv [--from RUN-PREFIX]");
			System.exit(2);
		}
		List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
		System.out.print(markdown(parse(lines, (args.length == 3) ? args[2] : "")));
	}

	/**
	 * Parse the CSV lines into rows, keeping runs at or after {@code from}; each header
	 * line (files appended by different harness versions) names the columns of the rows
	 * after it.
	 */
	static List<Map<String, String>> parse(List<String> lines, String from) {
		List<Map<String, String>> rows = new ArrayList<>();
		List<String> header = null;
		for (String line : lines) {
			if (line.isBlank()) {
				continue;
			}
			List<String> cells = Arrays.asList(line.split(",", -1));
			if (cells.get(0).equals("run")) {
				header = cells;
				continue;
			}
			if (header == null || cells.size() != header.size()) {
				throw new IllegalArgumentException("A row that does not match its header: " + line);
			}
			if (cells.get(0).compareTo(from) >= 0) {
				Map<String, String> row = new HashMap<>();
				for (int i = 0; i < header.size(); i++) {
					row.put(header.get(i), cells.get(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * One Markdown table, a line per cell in the order cells first appear.
	 */
	static String markdown(List<Map<String, String>> rows) {
		Map<List<String>, List<Map<String, String>>> cells = new LinkedHashMap<>();
		for (Map<String, String> row : rows) {
			List<String> key = List.of(row.get("scenario"), row.get("instances"), row.getOrDefault("concurrency", "1"),
					row.get("processingMs"), row.get("ratePerSecond"), row.getOrDefault("burst", "0"));
			cells.computeIfAbsent(key, (k) -> new ArrayList<>()).add(row);
		}
		StringBuilder out = new StringBuilder(Harness.tableHeader("configuration", "instances", "concurrency",
				"ms/record", "rate/s", "burst", "runs", "rebalances (median)", "group-wide stop s (max)",
				"stalled partition-s median (min–max)", "longest gap s (max)", "longest gap, not restarting s (max)",
				"p99 ms (median)", "lost (sum)", "duplicates (sum)", "burst drained s (median)"));
		cells.forEach((key, runs) -> {
			ToLongFunction<Map<String, String>> stalled = column("stalledPartitionMs");
			List<Object> row = new ArrayList<>(key);
			row.add(runs.size());
			row.add(median(runs, column("rebalances")));
			row.add(seconds(max(runs, column("groupWideStopMs"))));
			row.add(seconds(median(runs, stalled)) + " (" + seconds(runs.stream().mapToLong(stalled).min().orElse(0))
					+ "–" + seconds(max(runs, stalled)) + ")");
			row.add(seconds(max(runs, column("longestGapMs"))));
			row.add(seconds(max(runs, column("longestGapUntouchedMs"))));
			row.add(median(runs, column("latencyP99Ms")));
			row.add(runs.stream().mapToLong(column("lost")).sum());
			row.add(runs.stream().mapToLong(column("duplicates")).sum());
			row.add(key.get(5).equals("0") ? "–" : seconds(median(runs, column("burstDrainMs"))));
			out.append(Harness.tableRow(row.toArray()));
		});
		return out.toString();
	}

	private static ToLongFunction<Map<String, String>> column(String name) {
		return (row) -> Long.parseLong(row.get(name));
	}

	// Of an even number of runs, the mean of the middle two (rounded down).
	static long median(List<Map<String, String>> runs, ToLongFunction<Map<String, String>> value) {
		return (long) Harness.median(runs.stream().mapToLong(value).mapToObj((v) -> (double) v).toList());
	}

	private static long max(List<Map<String, String>> runs, ToLongFunction<Map<String, String>> value) {
		return runs.stream().mapToLong(value).max().orElse(0);
	}

	private static String seconds(long millis) {
		return RunResult.seconds(millis);
	}

}

package io.github.kafkaresilience.benchmarks.analysis;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.kafkaresilience.benchmarks.Harness;

/**
 * What one rolling-restart run measured, every number from the run's own logs, and its
 * rows in {@code results.md} and {@code results.csv}. The CSV columns are the components,
 * in order; benchmarks/README.md ("What the analysis measures") defines each. Gaps and
 * rebalances count from the start of the roll; a stall is a gap over the threshold.
 *
 * @param run the run directory's name
 * @param scenario the configuration: the run's label, or its scenario name
 * @param instances consumer processes
 * @param concurrency consumers per process
 * @param processingMs simulated processing time per record
 * @param ratePerSecond target production rate
 * @param produced records the broker acknowledged
 * @param sendFailures records the producer could not send
 * @param consumed distinct records consumed
 * @param duplicates consumptions beyond the first of a record
 * @param lost acknowledged records never consumed
 * @param keyMismatches consumed keys that differ from the one produced at that offset
 * @param restarts instances sent SIGTERM during the roll
 * @param notHealthy restarted instances not healthy in time
 * @param meanStopMs mean SIGTERM to exit
 * @param meanBackMs mean exit to healthy
 * @param rebalances classic generations stabilized or KIP-848 target epochs computed
 * @param joinPhases classic "Preparing to rebalance" phases
 * @param leaves members that left on purpose
 * @param expirations members removed after their session timed out
 * @param groupWideStopMs stalls in which no partition consumed
 * @param stalledPartitionMs stalls summed over partitions
 * @param longestGapMs longest gap on any partition
 * @param longestGapUntouchedMs longest gap whose last consumer was not restarting
 * @param longestGapSameOwnerMs longest such gap where the partition did not move
 * @param latencyP50Ms median of first consumption minus production
 * @param latencyP99Ms 99th percentile of the same
 * @param latencyMaxMs maximum of the same
 * @param gapThresholdMs shortest gap that counts as a stall
 * @param burst records sent at once when the roll started
 * @param burstDrainMs from the burst to the first consumption of its last record
 * @author kafka-resilience
 */
public record RunResult(String run, String scenario, int instances, int concurrency, int processingMs,
		int ratePerSecond, long produced, long sendFailures, long consumed, long duplicates, long lost,
		long keyMismatches, int restarts, int notHealthy, long meanStopMs, long meanBackMs, int rebalances,
		int joinPhases, int leaves, int expirations, long groupWideStopMs, long stalledPartitionMs, long longestGapMs,
		long longestGapUntouchedMs, long longestGapSameOwnerMs, long latencyP50Ms, long latencyP99Ms, long latencyMaxMs,
		long gapThresholdMs, int burst, long burstDrainMs) {

	/**
	 * The Markdown header and separator lines.
	 * @return two lines, each ending with a line break
	 */
	public static String markdownHeader() {
		return Harness.tableHeader("scenario", "instances", "processing ms", "produced", "rebalances",
				"group-wide stop s", "stalled partition-s", "longest gap s", "longest gap, not restarting s", "p50 ms",
				"p99 ms", "max ms", "lost", "duplicates");
	}

	/**
	 * This result as a Markdown row.
	 * @return the row, ending with a line break
	 */
	public String markdownRow() {
		return Harness.tableRow(this.scenario, this.instances, this.processingMs, this.produced, this.rebalances,
				seconds(this.groupWideStopMs), seconds(this.stalledPartitionMs), seconds(this.longestGapMs),
				seconds(this.longestGapUntouchedMs), this.latencyP50Ms, this.latencyP99Ms, this.latencyMaxMs, this.lost,
				this.duplicates);
	}

	/**
	 * The CSV header: every component's name.
	 * @return one line
	 */
	public static String csvHeader() {
		return Arrays.stream(RunResult.class.getRecordComponents())
			.map(RecordComponent::getName)
			.collect(Collectors.joining(","));
	}

	/**
	 * This result as a CSV row, in component order.
	 * @return the row
	 */
	public String csvRow() {
		return Arrays.stream(RunResult.class.getRecordComponents()).map((component) -> {
			try {
				return String.valueOf(component.getAccessor().invoke(this));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}).collect(Collectors.joining(","));
	}

	static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
	}

}

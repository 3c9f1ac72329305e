package io.github.kafkaresilience.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Order statistics for the benchmark reports.
 *
 * @author kafka-resilience
 */
public final class Stats {

	private Stats() {
	}

	/**
	 * Nearest-rank percentile: the smallest value with at least {@code p} % of the values
	 * at or below it, so p99 of 100 values is the 99th smallest and always a measured
	 * value.
	 * @param values the values, in any order
	 * @param p the percentile, at most 100; 0 gives the smallest value
	 * @return the percentile, or NaN for no values
	 */
	public static double percentile(double[] values, double p) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
	}

	/**
	 * The median: the middle value, or the mean of the two middle values.
	 * @param values the values
	 * @return the median, or NaN for no values
	 */
	public static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}

package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.kafka.common.TopicPartition;

/**
 * Recent lag and committed offsets of one group, one sample per refresh, spanning the
 * configured window. Not thread-safe: only the refresher touches it.
 *
 * @author kafka-resilience
 */
public final class LagWindow {

	private final Deque<Sample> samples = new ArrayDeque<>();

	void add(Sample sample, Duration window) {
		this.samples.addLast(sample);
		Instant cutoff = sample.time().minus(window);
		// Keep one sample at or before the cutoff so the window is covered end to end.
		while (this.samples.size() > 2 && !secondOldest().isAfter(cutoff)) {
			this.samples.removeFirst();
		}
	}

	List<Sample> samples() {
		return new ArrayList<>(this.samples);
	}

	private Instant secondOldest() {
		var iterator = this.samples.iterator();
		iterator.next();
		return iterator.next().time();
	}

	/**
	 * Least-squares slope of a series in units per second.
	 * @param samples the samples, oldest first
	 * @param value the series
	 * @return the slope, 0 with fewer than two samples
	 */
	static double slopePerSecond(List<Sample> samples, ToLongFunction<Sample> value) {
		int n = samples.size();
		if (n < 2) {
			return 0;
		}
		long origin = samples.get(0).time().toEpochMilli();
		double sumX = 0;
		double sumY = 0;
		double sumXY = 0;
		double sumXX = 0;
		for (Sample sample : samples) {
			double x = (sample.time().toEpochMilli() - origin) / 1000.0;
			double y = value.applyAsLong(sample);
			sumX += x;
			sumY += y;
			sumXY += x * y;
			sumXX += x * x;
		}
		double denominator = n * sumXX - sumX * sumX;
		return (denominator == 0) ? 0 : (n * sumXY - sumX * sumY) / denominator;
	}

	/**
	 * Lag and committed offsets at one refresh.
	 *
	 * @param time when the offsets were read
	 * @param lag lag per partition
	 * @param committed committed offset per partition, for partitions that have one
	 * @param ends log end offset per partition
	 */
	public record Sample(Instant time, Map<TopicPartition, Long> lag, Map<TopicPartition, Long> committed,
			Map<TopicPartition, Long> ends) {

		public Sample(Instant time, Map<TopicPartition, Long> lag, Map<TopicPartition, Long> committed) {
			this(time, lag, committed, Map.of());
		}

		long totalLag() {
			return this.lag.values().stream().mapToLong(Long::longValue).sum();
		}

		/**
		 * Records written to the group's partitions so far, summed.
		 */
		long totalEnd() {
			return this.ends.values().stream().mapToLong(Long::longValue).sum();
		}

		/**
		 * Records the group has consumed so far, summed: each partition's end less its
		 * lag.
		 */
		long totalConsumed() {
			return totalEnd() - totalLag();
		}

		/**
		 * How far the group has consumed one partition.
		 */
		long consumed(TopicPartition partition) {
			return this.ends.getOrDefault(partition, 0L) - this.lag.getOrDefault(partition, 0L);
		}

	}

}

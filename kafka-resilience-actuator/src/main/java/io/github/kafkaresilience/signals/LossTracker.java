package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.evidence.OffsetJump;

import org.apache.kafka.common.TopicPartition;

/**
 * Counts records a group lost before reading them: those below a partition's log start
 * (moved by retention, {@code deleteRecords} or compaction of the head) but at or above
 * the group's committed offset. Each lost offset is counted once, however many refreshes
 * see it. Not thread-safe: only the refresher touches it.
 *
 * @author kafka-resilience
 */
final class LossTracker {

	private static final Duration KEEP = Duration.ofHours(1);

	private final Map<TopicPartition, Long> countedUpTo = new HashMap<>();

	private final Deque<RecordLoss> recent = new ArrayDeque<>();

	private long total;

	/**
	 * Compare committed offsets with log starts.
	 * @param now when the offsets were read
	 * @param committed the group's committed offsets
	 * @param starts log start offsets
	 */
	void observe(Instant now, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> starts) {
		observe(now, committed, starts, Map.of());
	}

	/**
	 * Compare committed offsets, and the offsets this application's consumers jumped over
	 * (an {@code auto.offset.reset} after the records were deleted), with log starts.
	 * @param now when the offsets were read
	 * @param committed the group's committed offsets
	 * @param starts log start offsets
	 * @param jumps offsets the local consumers went past without a record
	 */
	void observe(Instant now, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> starts,
			Map<TopicPartition, List<OffsetJump>> jumps) {
		jumps.forEach((partition, seen) -> {
			Long start = starts.get(partition);
			if (start != null) {
				seen.forEach(
						(jump) -> count(now, partition, jump.fromOffset(), Math.min(jump.toOffset(), start), true));
			}
		});
		committed.forEach((partition, offset) -> {
			Long start = starts.get(partition);
			if (start != null) {
				count(now, partition, offset, start, false);
			}
		});
		Instant cutoff = now.minus(KEEP);
		while (!this.recent.isEmpty() && this.recent.peekFirst().time().isBefore(cutoff)) {
			this.recent.removeFirst();
		}
	}

	private void count(Instant now, TopicPartition partition, long fromOffset, long toOffset, boolean reset) {
		long from = Math.max(fromOffset, this.countedUpTo.getOrDefault(partition, Long.MIN_VALUE));
		if (from < toOffset) {
			this.recent.addLast(new RecordLoss(now, partition, from, toOffset, reset));
			this.total += toOffset - from;
			this.countedUpTo.put(partition, toOffset);
		}
	}

	/**
	 * Losses seen in the last hour, oldest first.
	 * @return the losses
	 */
	List<RecordLoss> recent() {
		return List.copyOf(this.recent);
	}

	/**
	 * Records lost since this application started.
	 * @return the count
	 */
	long total() {
		return this.total;
	}

}

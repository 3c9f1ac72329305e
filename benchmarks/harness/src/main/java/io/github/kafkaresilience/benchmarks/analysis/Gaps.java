package io.github.kafkaresilience.benchmarks.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the stretches of time in which records were waiting to be consumed but none was:
 * on one partition, or across the whole group. A gap ends when a record is consumed for
 * the first time. It starts at the previous first consumption, or later if nothing was
 * waiting yet: at the earliest production time of any record still to be consumed. A
 * quiet partition with nothing to consume therefore never counts as stalled.
 *
 * @author kafka-resilience
 */
public final class Gaps {

	private Gaps() {
	}

	/**
	 * The gaps before each first consumption.
	 * @param progress first consumptions, in any order
	 * @return one gap per first consumption that had to wait, in consumption order
	 */
	public static List<Gap> of(List<Progress> progress) {
		List<Progress> sorted = new ArrayList<>(progress);
		sorted.sort(Comparator.comparingLong(Progress::consumedAtMs));
		// earliestWaiting[i]: the earliest production time among records consumed at or
		// after the i-th consumption, i.e. since when work was available.
		long[] earliestWaiting = new long[sorted.size()];
		long earliest = Long.MAX_VALUE;
		for (int i = sorted.size() - 1; i >= 0; i--) {
			earliest = Math.min(earliest, sorted.get(i).producedAtMs());
			earliestWaiting[i] = earliest;
		}
		List<Gap> gaps = new ArrayList<>();
		Progress previous = null;
		for (int i = 0; i < sorted.size(); i++) {
			Progress current = sorted.get(i);
			long start = (previous != null) ? Math.max(previous.consumedAtMs(), earliestWaiting[i])
					: earliestWaiting[i];
			if (current.consumedAtMs() > start) {
				gaps.add(new Gap(start, current.consumedAtMs(), (previous != null) ? previous.instance() : null,
						current.instance()));
			}
			previous = current;
		}
		return gaps;
	}

	/**
	 * The first consumption of one record, by an instance.
	 *
	 * @param producedAtMs when it was produced
	 * @param consumedAtMs when it was first consumed
	 * @param instance the instance that consumed it
	 */
	public record Progress(long producedAtMs, long consumedAtMs, String instance) {

	}

	/**
	 * A stretch of time in which a record was waiting and none was consumed.
	 *
	 * @param startMs when waiting began
	 * @param endMs when a record was consumed again
	 * @param before the instance that consumed last before the gap, {@code null} at the
	 * start
	 * @param after the instance that consumed at the end of the gap
	 */
	public record Gap(long startMs, long endMs, String before, String after) {

		public long lengthMs() {
			return this.endMs - this.startMs;
		}

		/**
		 * Whether this gap shares any time with the window.
		 * @param fromMs start of the window
		 * @param toMs end of the window
		 * @return {@code true} if they overlap
		 */
		public boolean overlaps(long fromMs, long toMs) {
			return this.startMs < toMs && fromMs < this.endMs;
		}

	}

}

package io.github.kafkaresilience.signals;

/**
 * What the signals say about a consumer group or one of its partitions, worst last.
 *
 * @author kafka-resilience
 */
public enum Verdict {

	/**
	 * Consuming as fast as records arrive: lag is zero or steady while offsets advance.
	 */
	OK,

	/**
	 * Behind but gaining: lag is falling across the window, as after a traffic spike or a
	 * restart. Healthy; nothing to fix.
	 */
	CATCHING_UP,

	/**
	 * Not enough data yet (fewer than two refreshes in the window) or the broker could
	 * not be reached.
	 */
	UNKNOWN,

	/**
	 * The group is rebalancing: partitions are being moved between members.
	 */
	REBALANCING,

	/**
	 * Falling behind: lag is rising across the window while committed offsets still
	 * advance. Processing is slower than production.
	 */
	SLOW,

	/**
	 * Lag is above zero, an owner is assigned, and the committed offset did not advance
	 * across the window, or the poll loop has not returned for longer than the configured
	 * share of {@code max.poll.interval.ms}.
	 */
	STUCK,

	/**
	 * Lag is above zero and nothing consumes it: partitions without a live owner, a
	 * stopped or failed container, or an empty group.
	 */
	STOPPED;

	/**
	 * The worse of two verdicts.
	 * @param other the other verdict
	 * @return the one that needs more attention
	 */
	public Verdict worse(Verdict other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

}

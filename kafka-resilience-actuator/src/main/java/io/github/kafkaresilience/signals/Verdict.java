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
	 * This application paused the partitions with lag on request ({@code pause()},
	 * {@code pausePartition()}, or Spring Kafka's back-off): their lag waits on purpose.
	 * Never read as slow or stuck.
	 */
	PAUSED,

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
	 * Nothing completes although it could: a listener call has not returned, the same
	 * record keeps failing, a member made no progress on any of its partitions with lag,
	 * or the poll loop has not returned for longer than the configured share of
	 * {@code max.poll.interval.ms}. A partition waiting behind a busy consumer is not
	 * stuck.
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

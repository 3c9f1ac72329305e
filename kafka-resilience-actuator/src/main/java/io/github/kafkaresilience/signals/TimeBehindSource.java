package io.github.kafkaresilience.signals;

/**
 * How a partition's time behind was measured.
 *
 * @author kafka-resilience
 */
public enum TimeBehindSource {

	/**
	 * The age of the oldest unprocessed record, which this application holds.
	 */
	RECORD_TIMESTAMP("record-timestamp"),

	/**
	 * Lag divided by the rate records arrive (or are consumed, when none arrive).
	 */
	ESTIMATE("estimate");

	private final String label;

	TimeBehindSource(String label) {
		this.label = label;
	}

	/**
	 * The name the endpoint shows.
	 * @return {@code record-timestamp} or {@code estimate}
	 */
	public String label() {
		return this.label;
	}

}

package io.github.kafkaresilience.producers;

import java.util.Locale;

/**
 * A producer's {@code acks}: how many replicas must have a record before the broker
 * acknowledges it.
 *
 * @author kafka-resilience
 */
public enum Acks {

	/** {@code acks=0}: the producer does not wait for the broker at all. */
	NONE("0"),

	/** {@code acks=1}: the leader alone has the record. */
	LEADER("1"),

	/**
	 * {@code acks=all} ({@code -1}): every in-sync replica has it, at least
	 * {@code min.insync.replicas} of them.
	 */
	ALL("all");

	private final String value;

	Acks(String value) {
		this.value = value;
	}

	/**
	 * The value as the producer's configuration spells it.
	 * @return {@code 0}, {@code 1} or {@code all}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Parse a configured value.
	 * @param value {@code 0}, {@code 1}, {@code -1} or {@code all}
	 * @return the acks
	 * @throws IllegalArgumentException for any other value, as the producer itself would
	 */
	public static Acks of(Object value) {
		return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
			case "0" -> NONE;
			case "1" -> LEADER;
			case "-1", "all" -> ALL;
			default -> throw new IllegalArgumentException("acks must be 0, 1, -1 or all, but is '" + value + "'");
		};
	}

}

package io.github.kafkaresilience.defaults;

/**
 * Steps of Kafka's two-bounce migration from an eager assignor to the cooperative
 * protocol.
 *
 * @author kafka-resilience
 */
public enum AssignorMigration {

	/**
	 * No migration in progress: consumers list only the configured assignors.
	 */
	NONE,

	/**
	 * First rolling bounce away from {@code RangeAssignor}: consumers list the configured
	 * cooperative assignor first and {@code RangeAssignor} second, so old and new members
	 * still agree on a protocol. Once every member runs this, roll again with
	 * {@code none}.
	 */
	FROM_RANGE

}

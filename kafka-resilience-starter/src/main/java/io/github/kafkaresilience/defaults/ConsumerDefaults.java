package io.github.kafkaresilience.defaults;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Values kafka-resilience fills in for a consumer whose user set nothing.
 *
 * @param partitionAssignmentStrategy assignor class names, in order of preference
 * @param assignorMigration migration step, adding {@code RangeAssignor} during the first
 * bounce
 * @param sessionTimeout {@code session.timeout.ms}
 * @param heartbeatInterval {@code heartbeat.interval.ms}
 * @param maxPollInterval {@code max.poll.interval.ms}
 * @param maxPollRecords {@code max.poll.records}
 * @param enableAutoCommit {@code enable.auto.commit}
 * @param fixTxOffsets whether read_committed containers get Spring Kafka's
 * {@code fixTxOffsets}
 * @author kafka-resilience
 */
public record ConsumerDefaults(List<String> partitionAssignmentStrategy, AssignorMigration assignorMigration,
		Duration sessionTimeout, Duration heartbeatInterval, Duration maxPollInterval, int maxPollRecords,
		boolean enableAutoCommit, boolean fixTxOffsets) {

	/**
	 * Kafka's eager range assignor, kept during the first bounce of a migration.
	 */
	public static final String RANGE_ASSIGNOR = "org.apache.kafka.clients.consumer.RangeAssignor";

	public ConsumerDefaults {
		partitionAssignmentStrategy = List.copyOf(partitionAssignmentStrategy);
	}

	/**
	 * The assignor list to configure, including {@code RangeAssignor} during a migration.
	 * @return the class names
	 */
	public List<String> effectiveAssignors() {
		if (this.assignorMigration == AssignorMigration.FROM_RANGE
				&& this.partitionAssignmentStrategy.stream().noneMatch(ConsumerDefaults::isRange)) {
			return Stream.concat(this.partitionAssignmentStrategy.stream(), Stream.of(RANGE_ASSIGNOR)).toList();
		}
		return this.partitionAssignmentStrategy;
	}

	private static boolean isRange(String name) {
		return RANGE_ASSIGNOR.equals(name);
	}

}

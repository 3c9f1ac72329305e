package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.github.kafkaresilience.defaults.AssignorMigration;
import io.github.kafkaresilience.defaults.ConsumerDefaults;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;

/**
 * Consumer settings kafka-resilience fills in where the user set nothing, bound at
 * {@code kafka.resilience.consumer} and, for one listener, at
 * {@code kafka.resilience.listeners.<id>.consumer}. A value the user sets through
 * spring.kafka.*, a @KafkaListener attribute or their own consumer factory always wins.
 * <p>
 * Every field is optional: unset, the global section falls back to
 * {@link ConsumerDefaults#DEFAULTS} and a listener's section to the global one
 * ({@link #applyTo(ConsumerDefaults)}). The defaults shown in IDEs come from
 * {@code additional-spring-configuration-metadata.json}.
 *
 * @author kafka-resilience
 */
public class ConsumerProperties {

	/**
	 * Partition assignor class names, in order of preference
	 * (partition.assignment.strategy). Not applied to consumers using
	 * group.protocol=consumer, where the broker assigns partitions.
	 */
	private @Nullable List<String> partitionAssignmentStrategy;

	/**
	 * Step of the two-bounce migration away from RangeAssignor. Set to 'from-range' for
	 * the first rolling deploy, then back to 'none' for the second.
	 */
	private @Nullable AssignorMigration assignorMigration;

	/**
	 * Time without heartbeats after which the broker evicts a member (session.timeout.ms,
	 * classic protocol only), for every member. Unset: 10s for dynamic members, so that a
	 * crashed member's partitions move within about 10 s while an 8 s stop-the-world
	 * pause still keeps its place, and 45s for static members, so that a restarted pod
	 * takes its partitions back without a rebalance.
	 */
	private @Nullable Duration sessionTimeout;

	/**
	 * Interval between heartbeats (heartbeat.interval.ms, classic protocol only). Members
	 * learn that a rebalance started from a heartbeat response, so a shorter interval
	 * shortens every rebalance; measured on rolling restarts, 250 ms keeps both rounds of
	 * a cooperative hand-over under half a second, where 500 ms took about a second each.
	 * Costs four heartbeat requests per consumer per second, about 0.5 ms of coordinator
	 * CPU per consumer per second (measured): for groups of tens of members; above about
	 * 100 consumers per coordinator broker use 1s to 3s. Lowered to a third of the
	 * session timeout when the user sets a shorter session timeout.
	 */
	private @Nullable Duration heartbeatInterval;

	/**
	 * Longest time between two polls before the consumer leaves the group
	 * (max.poll.interval.ms); must cover the slowest batch, not the average one.
	 */
	private @Nullable Duration maxPollInterval;

	/**
	 * Largest batch one poll returns (max.poll.records).
	 */
	private @Nullable Integer maxPollRecords;

	/**
	 * Whether the Kafka client commits offsets on its own timer (enable.auto.commit); the
	 * listener container commits after processing instead.
	 */
	private @Nullable Boolean enableAutoCommit;

	/**
	 * Whether listener containers of read_committed consumers commit past the last
	 * transaction's commit marker when they are idle (Spring Kafka's fixTxOffsets), so
	 * that a caught-up group shows no lag. A container that already has it on keeps it.
	 */
	private @Nullable Boolean fixTxOffsets;

	public @Nullable List<String> getPartitionAssignmentStrategy() {
		return this.partitionAssignmentStrategy;
	}

	public void setPartitionAssignmentStrategy(@Nullable List<String> partitionAssignmentStrategy) {
		this.partitionAssignmentStrategy = partitionAssignmentStrategy;
	}

	public @Nullable AssignorMigration getAssignorMigration() {
		return this.assignorMigration;
	}

	public void setAssignorMigration(@Nullable AssignorMigration assignorMigration) {
		this.assignorMigration = assignorMigration;
	}

	public @Nullable Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	public void setSessionTimeout(@Nullable Duration sessionTimeout) {
		this.sessionTimeout = sessionTimeout;
	}

	public @Nullable Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public @Nullable Duration getMaxPollInterval() {
		return this.maxPollInterval;
	}

	public void setMaxPollInterval(@Nullable Duration maxPollInterval) {
		this.maxPollInterval = maxPollInterval;
	}

	public @Nullable Integer getMaxPollRecords() {
		return this.maxPollRecords;
	}

	public void setMaxPollRecords(@Nullable Integer maxPollRecords) {
		this.maxPollRecords = maxPollRecords;
	}

	public @Nullable Boolean getEnableAutoCommit() {
		return this.enableAutoCommit;
	}

	public void setEnableAutoCommit(@Nullable Boolean enableAutoCommit) {
		this.enableAutoCommit = enableAutoCommit;
	}

	public @Nullable Boolean getFixTxOffsets() {
		return this.fixTxOffsets;
	}

	public void setFixTxOffsets(@Nullable Boolean fixTxOffsets) {
		this.fixTxOffsets = fixTxOffsets;
	}

	/**
	 * The values set here over a base: the one place where a section's optional values
	 * meet the values they override.
	 * @param base the values in force where nothing is set here
	 * @return the merged values
	 */
	public ConsumerDefaults applyTo(ConsumerDefaults base) {
		return new ConsumerDefaults(
				Objects.requireNonNullElse(this.partitionAssignmentStrategy, base.partitionAssignmentStrategy()),
				Objects.requireNonNullElse(this.assignorMigration, base.assignorMigration()),
				(this.sessionTimeout != null) ? this.sessionTimeout : base.sessionTimeout(),
				Objects.requireNonNullElse(this.heartbeatInterval, base.heartbeatInterval()),
				Objects.requireNonNullElse(this.maxPollInterval, base.maxPollInterval()),
				Objects.requireNonNullElse(this.maxPollRecords, base.maxPollRecords()),
				Objects.requireNonNullElse(this.enableAutoCommit, base.enableAutoCommit()),
				Objects.requireNonNullElse(this.fixTxOffsets, base.fixTxOffsets()));
	}

	/**
	 * Check this section once Boot has bound it, rejecting the fields set here.
	 * @param base the values this section overrides
	 * @param errors the errors of this section, named after its prefix
	 * @param classLoader where assignor classes are looked up
	 */
	void validate(ConsumerDefaults base, Errors errors, @Nullable ClassLoader classLoader) {
		PropertyChecks.positive(errors, "sessionTimeout", this.sessionTimeout, "10s");
		PropertyChecks.positive(errors, "heartbeatInterval", this.heartbeatInterval, "250ms");
		PropertyChecks.positive(errors, "maxPollInterval", this.maxPollInterval, "5m");
		PropertyChecks.atLeast(errors, "maxPollRecords", this.maxPollRecords, 1,
				"Set " + PropertyChecks.property(errors, "maxPollRecords") + " to a positive number.");
		if (this.partitionAssignmentStrategy != null) {
			checkAssignors(errors, this.partitionAssignmentStrategy, classLoader);
		}
		if (!errors.hasErrors()) {
			checkHeartbeat(applyTo(base), errors);
		}
	}

	private void checkHeartbeat(ConsumerDefaults merged, Errors errors) {
		// Unset, the shorter of the two membership defaults is the one to fit under.
		Duration session = merged.sessionTimeout(false);
		if (merged.heartbeatInterval().compareTo(session) < 0) {
			return;
		}
		// Blame the side that was set here; a listener may inherit the other one.
		String field = (this.heartbeatInterval != null || this.sessionTimeout == null) ? "heartbeatInterval"
				: "sessionTimeout";
		PropertyChecks.reject(errors, field,
				"does not fit: the heartbeat interval (" + merged.heartbeatInterval().toMillis()
						+ " ms) must be shorter than the session timeout (" + session.toMillis()
						+ " ms), or the broker evicts members between two heartbeats. Set "
						+ PropertyChecks.property(errors, "heartbeatInterval") + " to at most a third of "
						+ PropertyChecks.property(errors, "sessionTimeout") + ".");
	}

	private static void checkAssignors(Errors errors, List<String> names, @Nullable ClassLoader classLoader) {
		String field = "partitionAssignmentStrategy";
		if (names.isEmpty()) {
			PropertyChecks.reject(errors, field, "needs at least one partition assignor. Set it to "
					+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor or another assignor class.");
			return;
		}
		for (String name : names) {
			Class<?> type;
			try {
				type = ClassUtils.forName(name.trim(), classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				PropertyChecks.reject(errors, field,
						"names partition assignor class '" + name + "', which was not found on the classpath. "
								+ "Use a fully qualified class name such as "
								+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor, "
								+ "org.apache.kafka.clients.consumer.StickyAssignor or "
								+ "org.apache.kafka.clients.consumer.RangeAssignor.");
				return;
			}
			if (!ConsumerPartitionAssignor.class.isAssignableFrom(type)) {
				PropertyChecks.reject(errors, field,
						"names '" + name + "', which is not a partition assignor: it does not implement "
								+ ConsumerPartitionAssignor.class.getName() + ". Use an assignor class such as "
								+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor.");
				return;
			}
		}
	}

}

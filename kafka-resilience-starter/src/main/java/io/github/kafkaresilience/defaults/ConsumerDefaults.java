package io.github.kafkaresilience.defaults;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.jspecify.annotations.Nullable;

/**
 * Values kafka-resilience fills in for a consumer whose user set nothing.
 *
 * @param partitionAssignmentStrategy assignor class names, in order of preference
 * @param assignorMigration migration step, adding {@code RangeAssignor} during the first
 * bounce
 * @param sessionTimeout {@code session.timeout.ms} for every member, or {@code null} to
 * choose by membership ({@link #sessionTimeout(boolean)})
 * @param heartbeatInterval {@code heartbeat.interval.ms}
 * @param maxPollInterval {@code max.poll.interval.ms}
 * @param maxPollRecords {@code max.poll.records}
 * @param enableAutoCommit {@code enable.auto.commit}
 * @param fixTxOffsets whether read_committed containers get Spring Kafka's
 * {@code fixTxOffsets}
 * @author kafka-resilience
 */
public record ConsumerDefaults(List<String> partitionAssignmentStrategy, AssignorMigration assignorMigration,
		@Nullable Duration sessionTimeout, Duration heartbeatInterval, Duration maxPollInterval, int maxPollRecords,
		boolean enableAutoCommit, boolean fixTxOffsets) {

	/**
	 * Kafka's eager range assignor, kept during the first bounce of a migration.
	 */
	public static final String RANGE_ASSIGNOR = RangeAssignor.class.getName();

	/**
	 * Kafka's cooperative assignor: only the partitions that move stop.
	 */
	public static final String COOPERATIVE_STICKY_ASSIGNOR = CooperativeStickyAssignor.class.getName();

	/**
	 * What kafka-resilience fills in when nobody configured
	 * {@code kafka.resilience.consumer}: the cooperative assignor, the measured 250 ms
	 * heartbeat (docs/configuration.md "Why a 250 ms heartbeat"), the session timeout
	 * chosen by membership, and Kafka's own {@code max.poll.interval.ms} and
	 * {@code max.poll.records}, set explicitly so that the startup report shows them.
	 */
	public static final ConsumerDefaults DEFAULTS = new ConsumerDefaults(List.of(COOPERATIVE_STICKY_ASSIGNOR),
			AssignorMigration.NONE, null, Duration.ofMillis(250), Duration.ofMinutes(5), 500, false, true);

	/**
	 * The session timeout of a dynamic member when none is configured. A crashed dynamic
	 * member's partitions wait this long before the group moves them, and a classic
	 * rebalance that a restarted member starts waits for the dead member as long: at 10 s
	 * the partitions were consumed again 11-12 s after a {@code kill -9} (45 s: 48-55 s),
	 * with no duplicates from commits refused during the wait, while a stop-the-world
	 * pause of 8 s in a member's JVM still kept its place (6 s evicted it). Measured in
	 * docs/benchmarks.md "The session timeout".
	 */
	public static final Duration DYNAMIC_SESSION_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The session timeout of a static member when none is configured: Kafka's default,
	 * long enough for a restarted pod to be back with the same {@code group.instance.id}
	 * and take its partitions back without a rebalance.
	 */
	public static final Duration STATIC_SESSION_TIMEOUT = Duration.ofSeconds(45);

	public ConsumerDefaults {
		partitionAssignmentStrategy = List.copyOf(partitionAssignmentStrategy);
	}

	/**
	 * The session timeout for a member: the configured one, else
	 * {@link #DYNAMIC_SESSION_TIMEOUT} or {@link #STATIC_SESSION_TIMEOUT}.
	 * @param staticMember whether the member has a {@code group.instance.id} that every
	 * restart brings back (a pod-scoped id gets the dynamic value)
	 * @return the session timeout
	 */
	public Duration sessionTimeout(boolean staticMember) {
		if (this.sessionTimeout != null) {
			return this.sessionTimeout;
		}
		return staticMember ? STATIC_SESSION_TIMEOUT : DYNAMIC_SESSION_TIMEOUT;
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

package io.github.kafkaresilience.metrics;

/**
 * Meter names and tag keys, in one place so that dashboards and alert rules have one
 * source of truth. In Prometheus, dots become underscores and counters end in
 * {@code _total}, timers in {@code _seconds}.
 *
 * @author kafka-resilience
 */
public final class KafkaResilienceMetricNames {

	/**
	 * Gauge: total committed-offset lag of a group, unowned partitions included.
	 */
	public static final String GROUP_LAG = "kafka.resilience.group.lag";

	/**
	 * Gauge: change of a group's lag across the window, records per second; positive
	 * means falling behind.
	 */
	public static final String GROUP_LAG_RATE = "kafka.resilience.group.lag.rate";

	/**
	 * Gauge: 1 for the group's current verdict, 0 for the others (tag {@value #STATUS}).
	 */
	public static final String GROUP_STATUS = "kafka.resilience.group.status";

	/**
	 * Gauge: 1 for the verdict of this application's own consumers of the group, 0 for
	 * the others (tag {@value #STATUS}). Differs from {@link #GROUP_STATUS} when the
	 * problem sits on another instance.
	 */
	public static final String GROUP_LOCAL_STATUS = "kafka.resilience.group.local.status";

	/**
	 * Gauge: findings of a group per severity (tag {@value #SEVERITY}).
	 */
	public static final String GROUP_FINDINGS = "kafka.resilience.group.findings";

	/**
	 * Gauge: listener containers of this application in the group that stopped by
	 * themselves.
	 */
	public static final String GROUP_LISTENERS_FAILED = "kafka.resilience.group.listeners.failed";

	/**
	 * Counter: rebalances this application's consumers of a group completed.
	 */
	public static final String GROUP_REBALANCES = "kafka.resilience.group.rebalances";

	/**
	 * Timer: how long a rebalance stopped a consumer of this application (from revocation
	 * to the next assignment).
	 */
	public static final String GROUP_REBALANCE_DURATION = "kafka.resilience.group.rebalance.duration";

	/**
	 * Gauge: longest time between polls, or time since the last poll, divided by
	 * max.poll.interval.ms.
	 */
	public static final String GROUP_POLL_INTERVAL_USED = "kafka.resilience.group.poll.interval.used";

	/**
	 * Gauge: members of a group.
	 */
	public static final String GROUP_MEMBERS = "kafka.resilience.group.members";

	/**
	 * Gauge: members without a partition.
	 */
	public static final String GROUP_MEMBERS_IDLE = "kafka.resilience.group.members.idle";

	/**
	 * Gauge: partitions of a group's topics.
	 */
	public static final String GROUP_PARTITIONS = "kafka.resilience.group.partitions";

	/**
	 * Gauge: partitions without a live owner.
	 */
	public static final String GROUP_PARTITIONS_UNASSIGNED = "kafka.resilience.group.partitions.unassigned";

	/**
	 * Records deleted by retention, {@code deleteRecords} or compaction before the group
	 * read them, counted since start.
	 */
	public static final String GROUP_RECORDS_LOST = "kafka.resilience.group.records.lost";

	/**
	 * Records the application's listeners failed on and left behind (skipped or sent to a
	 * dead-letter or retry topic), counted since start.
	 */
	public static final String GROUP_RECORDS_GIVEN_UP = "kafka.resilience.group.records.given.up";

	/**
	 * How far behind in time the group's most delayed partition is, in seconds.
	 */
	public static final String GROUP_TIME_BEHIND = "kafka.resilience.group.time.behind";

	/**
	 * Consumers the group needs to keep up at the measured rates, at most its partitions.
	 */
	public static final String GROUP_CONSUMERS_NEEDED = "kafka.resilience.group.consumers.needed";

	/**
	 * Gauge: committed-offset lag of one partition (only when per-partition meters are
	 * enabled).
	 */
	public static final String PARTITION_LAG = "kafka.resilience.partition.lag";

	/**
	 * Gauge: seconds since the signals were last refreshed successfully.
	 */
	public static final String SIGNALS_AGE = "kafka.resilience.signals.age";

	/**
	 * Counter: refreshes that failed, typically because the broker was unreachable.
	 */
	public static final String SIGNALS_REFRESH_FAILURES = "kafka.resilience.signals.refresh.failures";

	/**
	 * Tag: the consumer group id.
	 */
	public static final String GROUP = "group";

	/**
	 * Tag: a verdict name.
	 */
	public static final String STATUS = "status";

	/**
	 * Tag: a finding severity ({@code INFO}, {@code WARN}, {@code ERROR}).
	 */
	public static final String SEVERITY = "severity";

	/**
	 * Tag: the topic.
	 */
	public static final String TOPIC = "topic";

	/**
	 * Tag: the partition number.
	 */
	public static final String PARTITION = "partition";

	private KafkaResilienceMetricNames() {
	}

}

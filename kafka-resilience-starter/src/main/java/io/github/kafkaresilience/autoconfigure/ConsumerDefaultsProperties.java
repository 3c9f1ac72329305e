package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.kafkaresilience.defaults.AssignorMigration;
import io.github.kafkaresilience.defaults.ConsumerDefaults;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Consumer settings kafka-resilience fills in where the user set nothing. A value the
 * user sets through spring.kafka.*, a @KafkaListener attribute or their own consumer
 * factory always wins.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.consumer")
public class ConsumerDefaultsProperties {

	/**
	 * Partition assignor class names, in order of preference
	 * (partition.assignment.strategy). Not applied to consumers using
	 * group.protocol=consumer, where the broker assigns partitions.
	 */
	private List<String> partitionAssignmentStrategy = new ArrayList<>(
			List.of("org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));

	/**
	 * Step of the two-bounce migration away from RangeAssignor. Set to 'from-range' for
	 * the first rolling deploy, then back to 'none' for the second.
	 */
	private AssignorMigration assignorMigration = AssignorMigration.NONE;

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
	 * Costs four heartbeat requests per consumer per second. Lowered to a third of the
	 * session timeout when the user sets a shorter session timeout.
	 */
	private Duration heartbeatInterval = Duration.ofMillis(250);

	/**
	 * Longest time between two polls before the consumer leaves the group
	 * (max.poll.interval.ms); must cover the slowest batch, not the average one.
	 */
	private Duration maxPollInterval = Duration.ofMinutes(5);

	/**
	 * Largest batch one poll returns (max.poll.records).
	 */
	private int maxPollRecords = 500;

	/**
	 * Whether the Kafka client commits offsets on its own timer (enable.auto.commit); the
	 * listener container commits after processing instead.
	 */
	private boolean enableAutoCommit = false;

	/**
	 * Whether listener containers of read_committed consumers commit past the last
	 * transaction's commit marker when they are idle (Spring Kafka's fixTxOffsets), so
	 * that a caught-up group shows no lag. Applies to every listener; a container that
	 * already has it on keeps it.
	 */
	private boolean fixTxOffsets = true;

	public boolean isFixTxOffsets() {
		return this.fixTxOffsets;
	}

	public void setFixTxOffsets(boolean fixTxOffsets) {
		this.fixTxOffsets = fixTxOffsets;
	}

	public List<String> getPartitionAssignmentStrategy() {
		return this.partitionAssignmentStrategy;
	}

	public void setPartitionAssignmentStrategy(List<String> partitionAssignmentStrategy) {
		this.partitionAssignmentStrategy = partitionAssignmentStrategy;
	}

	public AssignorMigration getAssignorMigration() {
		return this.assignorMigration;
	}

	public void setAssignorMigration(AssignorMigration assignorMigration) {
		this.assignorMigration = assignorMigration;
	}

	public @Nullable Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	public void setSessionTimeout(@Nullable Duration sessionTimeout) {
		this.sessionTimeout = sessionTimeout;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getMaxPollInterval() {
		return this.maxPollInterval;
	}

	public void setMaxPollInterval(Duration maxPollInterval) {
		this.maxPollInterval = maxPollInterval;
	}

	public int getMaxPollRecords() {
		return this.maxPollRecords;
	}

	public void setMaxPollRecords(int maxPollRecords) {
		this.maxPollRecords = maxPollRecords;
	}

	public boolean isEnableAutoCommit() {
		return this.enableAutoCommit;
	}

	public void setEnableAutoCommit(boolean enableAutoCommit) {
		this.enableAutoCommit = enableAutoCommit;
	}

	ConsumerDefaults toDefaults() {
		return new ConsumerDefaults(this.partitionAssignmentStrategy, this.assignorMigration, this.sessionTimeout,
				this.heartbeatInterval, this.maxPollInterval, this.maxPollRecords, this.enableAutoCommit,
				this.fixTxOffsets);
	}

}

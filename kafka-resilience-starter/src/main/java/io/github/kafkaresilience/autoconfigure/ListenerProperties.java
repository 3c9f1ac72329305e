package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.kafkaresilience.defaults.AssignorMigration;
import io.github.kafkaresilience.defaults.ConsumerDefaults;
import io.github.kafkaresilience.membership.StaticMembershipMode;

/**
 * Overrides for one listener; anything left unset falls back to the global value.
 *
 * @author kafka-resilience
 */
public class ListenerProperties {

	/**
	 * Whether kafka-resilience applies its defaults and static membership to this
	 * listener.
	 */
	private boolean enabled = true;

	/**
	 * Static membership mode for this listener.
	 */
	private StaticMembershipMode staticMembership;

	private final Consumer consumer = new Consumer();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public StaticMembershipMode getStaticMembership() {
		return this.staticMembership;
	}

	public void setStaticMembership(StaticMembershipMode staticMembership) {
		this.staticMembership = staticMembership;
	}

	public Consumer getConsumer() {
		return this.consumer;
	}

	ConsumerDefaults applyTo(ConsumerDefaults defaults) {
		Consumer c = this.consumer;
		return new ConsumerDefaults(
				(c.partitionAssignmentStrategy != null) ? c.partitionAssignmentStrategy
						: defaults.partitionAssignmentStrategy(),
				(c.assignorMigration != null) ? c.assignorMigration : defaults.assignorMigration(),
				(c.sessionTimeout != null) ? c.sessionTimeout : defaults.sessionTimeout(),
				(c.heartbeatInterval != null) ? c.heartbeatInterval : defaults.heartbeatInterval(),
				(c.maxPollInterval != null) ? c.maxPollInterval : defaults.maxPollInterval(),
				(c.maxPollRecords != null) ? c.maxPollRecords : defaults.maxPollRecords(),
				(c.enableAutoCommit != null) ? c.enableAutoCommit : defaults.enableAutoCommit(),
				(c.fixTxOffsets != null) ? c.fixTxOffsets : defaults.fixTxOffsets());
	}

	/**
	 * Consumer defaults for one listener.
	 */
	public static class Consumer {

		/**
		 * Partition assignor class names for this listener.
		 */
		private List<String> partitionAssignmentStrategy;

		/**
		 * Assignor migration step for this listener.
		 */
		private AssignorMigration assignorMigration;

		/**
		 * Session timeout for this listener.
		 */
		private Duration sessionTimeout;

		/**
		 * Heartbeat interval for this listener.
		 */
		private Duration heartbeatInterval;

		/**
		 * Maximum time between polls for this listener.
		 */
		private Duration maxPollInterval;

		/**
		 * Maximum records per poll for this listener.
		 */
		private Integer maxPollRecords;

		/**
		 * Whether the Kafka client auto-commits for this listener.
		 */
		private Boolean enableAutoCommit;

		/**
		 * Whether this listener's container commits past the last transaction's commit
		 * marker when idle, if it reads with read_committed.
		 */
		private Boolean fixTxOffsets;

		public Boolean getFixTxOffsets() {
			return this.fixTxOffsets;
		}

		public void setFixTxOffsets(Boolean fixTxOffsets) {
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

		public Duration getSessionTimeout() {
			return this.sessionTimeout;
		}

		public void setSessionTimeout(Duration sessionTimeout) {
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

		public Integer getMaxPollRecords() {
			return this.maxPollRecords;
		}

		public void setMaxPollRecords(Integer maxPollRecords) {
			this.maxPollRecords = maxPollRecords;
		}

		public Boolean getEnableAutoCommit() {
			return this.enableAutoCommit;
		}

		public void setEnableAutoCommit(Boolean enableAutoCommit) {
			this.enableAutoCommit = enableAutoCommit;
		}

	}

}

package io.github.kafkaresilience.groupconfig;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import org.jspecify.annotations.Nullable;

/**
 * What kafka-resilience did with one setting of one group when asked to set it
 * ({@code kafka.resilience.consumer-protocol.*}), and why.
 *
 * @param groupId the group
 * @param key the group setting, e.g. {@code consumer.heartbeat.interval.ms}
 * @param requestedMs the value asked for
 * @param result what happened
 * @param valueMs the group's value afterwards, when known
 * @param previous the group's value before, when known
 * @param detail the broker's error, or how the value was fitted into the broker's range
 * @author kafka-resilience
 */
public record GroupConfigChange(String groupId, String key, long requestedMs, Result result, @Nullable Long valueMs,
		@Nullable GroupSetting previous, @Nullable String detail) {

	/**
	 * What happened to a requested group setting.
	 */
	public enum Result {

		/** Set on the group. */
		APPLIED,

		/** The group already had the value. */
		UNCHANGED,

		/** Someone set another value for the group; it was left alone. */
		OPERATOR_SET,

		/** The broker refused the value: outside its {@code group.consumer.*} range. */
		OUT_OF_RANGE,

		/** The application's principal may not read or change the group's configs. */
		NOT_AUTHORIZED,

		/** The broker has no group configs (before Kafka 4.0). */
		UNSUPPORTED,

		/** The broker did not answer; tried again a few times, then given up. */
		FAILED

	}

	/**
	 * Whether trying again later could change the result.
	 * @return {@code true} for a failure without an answer
	 */
	boolean retriable() {
		return this.result == Result.FAILED;
	}

	/**
	 * The finding that reports this change.
	 * @return the finding
	 */
	public Finding finding() {
		String asked = this.key + "=" + this.requestedMs + " ms";
		String group = "group '" + this.groupId + "'";
		return switch (this.result) {
			case APPLIED -> new Finding(Severity.INFO, "group-config-applied",
					this.key + " set to " + this.valueMs + " ms on " + group + " (was " + before() + ")"
							+ ((this.detail != null) ? "; " + this.detail : "")
							+ ": members pick it up on their next heartbeat.");
			case UNCHANGED -> new Finding(Severity.INFO, "group-config-unchanged",
					group + " already has " + this.key + "=" + this.valueMs + " ms (" + before() + ").");
			case OPERATOR_SET -> new Finding(Severity.INFO, "group-config-operator-set",
					group + " has " + this.key + "=" + this.valueMs + " ms set for it, so kafka-resilience left it "
							+ "(asked for " + this.requestedMs + " ms). To let kafka-resilience set it, remove it: "
							+ "kafka-configs.sh --alter --entity-type groups --entity-name " + this.groupId
							+ " --delete-config " + this.key + ".");
			case OUT_OF_RANGE -> new Finding(Severity.WARN, "group-config-out-of-range",
					"kafka-resilience cannot set " + asked + " for " + group + ": " + this.detail
							+ ". Allow it on every broker " + "(" + GroupConfigKeys.brokerMinimum(this.key) + " / "
							+ GroupConfigKeys.brokerMaximum(this.key) + ", a restart per broker), or ask for a value "
							+ "inside the range.");
			case NOT_AUTHORIZED -> new Finding(Severity.WARN, "group-config-not-authorized",
					"kafka-resilience may not set " + asked + " for " + group + ": " + this.detail
							+ ". Grant it, or have an operator set it: kafka-configs.sh --alter --entity-type groups "
							+ "--entity-name " + this.groupId + " --add-config " + this.key + "=" + this.requestedMs
							+ ".");
			case UNSUPPORTED -> new Finding(Severity.WARN, "group-config-unsupported",
					"The broker cannot set " + asked + " for " + group + " (" + this.detail
							+ "): group configs need Kafka 4.0 brokers. Set the broker-wide "
							+ ("consumer.heartbeat.interval.ms".equals(this.key)
									? GroupConfigKeys.BROKER_HEARTBEAT_INTERVAL
									: GroupConfigKeys.BROKER_SESSION_TIMEOUT)
							+ " instead.");
			case FAILED -> new Finding(Severity.WARN, "group-config-failed",
					"kafka-resilience could not set " + asked + " for " + group + ": " + this.detail
							+ ". It tried at startup; set it by hand: kafka-configs.sh --alter --entity-type groups "
							+ "--entity-name " + this.groupId + " --add-config " + this.key + "=" + this.requestedMs
							+ ".");
		};
	}

	private String before() {
		return (this.previous != null) ? this.previous.valueMs() + " ms, " + this.previous.source().label() : "unknown";
	}

}

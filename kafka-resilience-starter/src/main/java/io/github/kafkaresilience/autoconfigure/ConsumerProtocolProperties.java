package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.kafkaresilience.groupconfig.GroupConfigKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Listeners on {@code group.protocol=consumer} (KIP-848): their containers' poll timeout,
 * and the broker-side settings of their groups, which kafka-resilience sets at startup
 * only when asked to: they change the group for every member, and need
 * {@code ALTER_CONFIGS} on the group.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.consumer-protocol")
public class ConsumerProtocolProperties extends SelfValidatingProperties {

	/**
	 * Heartbeat interval to set for each consumer-protocol group of this application (the
	 * group's consumer.heartbeat.interval.ms), through incrementalAlterConfigs at
	 * startup. Members learn of every assignment change on a heartbeat, so this bounds
	 * how long a moved partition waits during a rolling restart: 500ms is the measured
	 * choice. Fitted into the broker's group.consumer.min/max.heartbeat.interval.ms (the
	 * minimum is 5 s unless the brokers allow less); a value someone else set for the
	 * group is left alone. Unset: the group's own or the broker's value applies.
	 */
	private @Nullable Duration heartbeatInterval;

	/**
	 * Session timeout to set for each consumer-protocol group of this application (the
	 * group's consumer.session.timeout.ms): how long a crashed member keeps its
	 * partitions. Fitted into the broker's group.consumer.min/max.session.timeout.ms (45
	 * s to 60 s unless the brokers allow otherwise); a value someone else set for the
	 * group is left alone. Unset: the group's own or the broker's value applies.
	 */
	private @Nullable Duration sessionTimeout;

	/**
	 * Poll timeout of listener containers on group.protocol=consumer whose poll timeout
	 * nobody chose (spring.kafka.listener.poll-timeout unset and the container at Spring
	 * Kafka's 5 s). Such a consumer takes or gives up partitions only inside poll, and a
	 * poll with nothing to fetch first waits this long: measured, Spring Kafka's 5 s
	 * doubles the stall of a rolling restart (docs/rebalancing.md). Costs one empty poll
	 * per interval and consumer when idle.
	 */
	private @Nullable Duration pollTimeout = Duration.ofMillis(500);

	public @Nullable Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public @Nullable Duration getSessionTimeout() {
		return this.sessionTimeout;
	}

	public void setSessionTimeout(@Nullable Duration sessionTimeout) {
		this.sessionTimeout = sessionTimeout;
	}

	public @Nullable Duration getPollTimeout() {
		return this.pollTimeout;
	}

	public void setPollTimeout(@Nullable Duration pollTimeout) {
		this.pollTimeout = pollTimeout;
	}

	/**
	 * The group settings asked for, by their broker names.
	 * @return the values, empty when none is set
	 */
	Map<String, Duration> requested() {
		Map<String, Duration> requested = new LinkedHashMap<>();
		if (this.heartbeatInterval != null) {
			requested.put(GroupConfigKeys.HEARTBEAT_INTERVAL, this.heartbeatInterval);
		}
		if (this.sessionTimeout != null) {
			requested.put(GroupConfigKeys.SESSION_TIMEOUT, this.sessionTimeout);
		}
		return requested;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.positive(errors, "heartbeatInterval", getHeartbeatInterval(), "500ms");
		PropertyChecks.positive(errors, "sessionTimeout", getSessionTimeout(), "45s");
		PropertyChecks.positive(errors, "pollTimeout", getPollTimeout(), "500ms");
		Duration heartbeat = getHeartbeatInterval();
		Duration session = getSessionTimeout();
		if (!errors.hasErrors() && heartbeat != null && session != null && heartbeat.compareTo(session) >= 0) {
			PropertyChecks.reject(errors, "heartbeatInterval",
					"(" + heartbeat.toMillis() + " ms) must be shorter than the session timeout (" + session.toMillis()
							+ " ms), or every member is evicted between two heartbeats. Set it to at most a third of "
							+ PropertyChecks.property(errors, "sessionTimeout") + ".");
		}
	}

}

package io.github.kafkaresilience.defaults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings only a classic-protocol member has: its assignors, and a session timeout
 * and heartbeat interval that fit together.
 *
 * @author kafka-resilience
 */
final class ClassicGroupSettings {

	private ClassicGroupSettings() {
	}

	/**
	 * Fill in the classic group settings the user did not set, and check the pair that
	 * results.
	 * @param listenerId the listener
	 * @param user what the user set
	 * @param defaults kafka-resilience's values for this listener
	 * @param kind how the listener's consumers are members of the group
	 * @param additions where the settings to add go
	 * @param findings where the startup report's findings go
	 * @throws InvalidKafkaResilienceConfigurationException if the heartbeat would not fit
	 * the session timeout, or a consumer-protocol setting is set
	 */
	static void fill(String listenerId, UserConsumerConfig user, ConsumerDefaults defaults, MemberKind kind,
			Map<String, String> additions, List<Finding> findings) {
		Duration sessionTimeout = defaults.sessionTimeout(kind == MemberKind.STATIC);
		if (user.has(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG)) {
			throw new InvalidKafkaResilienceConfigurationException(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG,
					"Listener '" + listenerId + "' sets group.remote.assignor, which only applies to "
							+ "group.protocol=consumer, but runs the classic protocol.",
					"Set group.protocol=consumer to use a broker-side assignor, or remove "
							+ "group.remote.assignor and choose partition.assignment.strategy instead.");
		}
		ConsumerSettingsResolver.fill(user, additions, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
				String.join(",", defaults.effectiveAssignors()));
		ConsumerSettingsResolver.fill(user, additions, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
				ConsumerSettingsResolver.ms(sessionTimeout));
		if (additions.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG) && defaults.sessionTimeout() == null) {
			findings.add(sessionTimeoutChoice(kind, sessionTimeout));
		}
		long session = user.millis(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeout);
		long heartbeat = defaults.heartbeatInterval().toMillis();
		// Lower our heartbeat only under a session timeout the user chose; our own
		// pair is validated as is.
		if (!user.has(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG) && user.has(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)
				&& heartbeat * 3 > session) {
			heartbeat = Math.max(1, session / 3);
			findings.add(new Finding(Severity.INFO, "heartbeat-lowered", "heartbeat.interval.ms lowered to " + heartbeat
					+ " ms, a third of the user's session.timeout.ms of " + session + " ms."));
		}
		ConsumerSettingsResolver.fill(user, additions, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
				Long.toString(heartbeat));
		heartbeat = user.millis(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Duration.ofMillis(heartbeat));
		checkHeartbeat(listenerId, heartbeat, session, findings);
	}

	// The reason is the measured trade-off, so that the report answers "why not Kafka's
	// 45 s" (docs/rebalancing.md "The session timeout").
	private static Finding sessionTimeoutChoice(MemberKind kind, Duration sessionTimeout) {
		return switch (kind) {
			case STATIC -> new Finding(Severity.INFO, "session-timeout-static",
					"session.timeout.ms=" + sessionTimeout.toMillis() + ": a static member keeps its partitions "
							+ "through a restart that takes less than this, without a rebalance; a crash that is not "
							+ "restarted is noticed after it.");
			case POD_STATIC -> new Finding(Severity.INFO, "session-timeout-pod",
					"session.timeout.ms=" + sessionTimeout.toMillis() + ", as for a dynamic member: a container "
							+ "restarted in place within this keeps its partitions without a rebalance; a replaced pod "
							+ "never comes back under this id, so its partitions move to the others after about this "
							+ "long. Set kafka.resilience.consumer.session-timeout to choose another value.");
			case DYNAMIC ->
				new Finding(Severity.INFO, "session-timeout-dynamic", "session.timeout.ms=" + sessionTimeout.toMillis()
						+ ": a crashed dynamic member's partitions move to the others after about this long instead of "
						+ "Kafka's 45 s; a stop-the-world pause (GC, a frozen VM) of up to about "
						+ (sessionTimeout.toMillis() - 1000) / 1000 + " s keeps the member in the group. Set "
						+ "kafka.resilience.consumer.session-timeout to choose another value.");
		};
	}

	private static void checkHeartbeat(String listenerId, long heartbeat, long session, List<Finding> findings) {
		if (heartbeat >= session) {
			throw new InvalidKafkaResilienceConfigurationException(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
					"Listener '" + listenerId + "' would send heartbeats every " + heartbeat
							+ " ms with a session timeout of " + session
							+ " ms: the broker would evict the member between two heartbeats.",
					"Set heartbeat.interval.ms to at most a third of session.timeout.ms (for example "
							+ Math.max(1, session / 3) + " ms).");
		}
		if (heartbeat * 3 > session) {
			findings.add(new Finding(Severity.WARN, "heartbeat-above-third-of-session",
					"heartbeat.interval.ms (" + heartbeat + " ms) is above a third of session.timeout.ms (" + session
							+ " ms): one late heartbeat can get the member evicted. Lower heartbeat.interval.ms."));
		}
	}

}

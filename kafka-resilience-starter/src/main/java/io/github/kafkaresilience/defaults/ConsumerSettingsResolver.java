package io.github.kafkaresilience.defaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import io.github.kafkaresilience.membership.InstanceIds;
import io.github.kafkaresilience.membership.StaticMembershipDecision;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Works out, for one listener container, which consumer settings kafka-resilience must
 * fill in and what the consumer will effectively run with. A value the user set anywhere
 * wins; invalid combinations fail here, before the Kafka client would fail with a less
 * helpful message.
 *
 * @author kafka-resilience
 */
public final class ConsumerSettingsResolver {

	/**
	 * Container setting: time a stopping container may take, in milliseconds.
	 */
	public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout.ms";

	/**
	 * Container setting: whether a static member leaves the group on a graceful stop.
	 */
	public static final String LEAVE_GROUP_ON_STOP = "shutdown.leave.group";

	private static final Map<String, Object> KAFKA_DEFAULTS = ConsumerConfig.configDef().defaultValues();

	// Settings the KIP-848 protocol moved to the broker, with what replaces each there.
	private static final Map<String, String> BROKER_SIDE = Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
			"group.remote.assignor on the consumer (uniform or range), with the broker's group.consumer.assignors",
			ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "the broker's group.consumer.session.timeout.ms",
			ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "the broker's group.consumer.heartbeat.interval.ms");

	private ConsumerSettingsResolver() {
	}

	/**
	 * Resolve the settings of one listener.
	 * @param request what is known about the listener
	 * @return the properties to add to the container and the effective settings
	 * @throws InvalidKafkaResilienceConfigurationException if the configuration cannot
	 * work
	 */
	public static Resolution resolve(Request request) {
		UserConsumerConfig user = new UserConsumerConfig(request.factoryConfigs(), request.containerOverrides());
		Map<String, String> additions = new LinkedHashMap<>();
		List<Finding> findings = new ArrayList<>();
		GroupProtocol protocol = protocol(user);
		ConsumerDefaults defaults = request.defaults();
		String userInstanceId = user.value(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		if (userInstanceId != null && !InstanceIds.isLegal(userInstanceId)) {
			throw new InvalidKafkaResilienceConfigurationException(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
					InstanceIds.whyIllegal(userInstanceId), "Set " + ConsumerConfig.GROUP_INSTANCE_ID_CONFIG
							+ " to a legal id, or remove it and let " + "kafka-resilience derive one per listener.");
		}
		MemberKind kind = MemberKind.of(userInstanceId, request.membership());

		if (protocol == GroupProtocol.CONSUMER) {
			for (Map.Entry<String, String> entry : BROKER_SIDE.entrySet()) {
				if (user.has(entry.getKey())) {
					throw new InvalidKafkaResilienceConfigurationException(entry.getKey(),
							"Listener '" + request.listenerId() + "' uses group.protocol=consumer (KIP-848), where "
									+ entry.getKey() + " is decided by the broker; the Kafka client refuses to "
									+ "start with it set.",
							"Remove " + entry.getKey() + " from the consumer configuration "
									+ "(spring.kafka.consumer.*, spring.kafka.properties.* or the listener's "
									+ "properties) and use " + entry.getValue() + " instead.");
				}
			}
			// The values themselves are the broker's: the signals read them once the
			// application runs and report their cost (docs/rebalancing.md).
			findings.add(new Finding(Severity.INFO, "consumer-protocol",
					"group.protocol=consumer: the broker decides this group's consumer.heartbeat.interval.ms and "
							+ "consumer.session.timeout.ms; kafka-resilience logs them as read from the broker "
							+ "('on the broker') and sets them when kafka.resilience.consumer-protocol.heartbeat-interval "
							+ "or .session-timeout is set."));
		}
		else {
			ClassicGroupSettings.fill(request.listenerId(), user, defaults, kind, additions, findings);
		}
		fill(user, additions, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, ms(defaults.maxPollInterval()));
		fill(user, additions, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(defaults.maxPollRecords()));
		fill(user, additions, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, Boolean.toString(defaults.enableAutoCommit()));
		ClientRack rack = request.rack();
		if (rack != null) {
			fill(user, additions, ConsumerConfig.CLIENT_RACK_CONFIG, rack.id());
			if (additions.containsKey(ConsumerConfig.CLIENT_RACK_CONFIG)) {
				findings.add(new Finding(Severity.INFO, "client-rack",
						"client.rack=" + rack.id() + " from the " + rack.origin()
								+ ": fetches go to a replica in this rack where the brokers run "
								+ "RackAwareReplicaSelector."));
			}
		}

		if (userInstanceId == null && request.membership().baseInstanceId() != null) {
			additions.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, request.membership().baseInstanceId());
		}
		if (userInstanceId == null) {
			findings.add(new Finding(Severity.INFO, "static-membership", request.membership().reason() + "."));
		}
		// A pod-scoped id is short on purpose: a replaced pod never comes back for it.
		if (kind == MemberKind.STATIC && protocol == GroupProtocol.CLASSIC) {
			long session = user.millis(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, defaults.sessionTimeout(true));
			if (session < request.expectedRestartTime().toMillis()) {
				findings.add(new Finding(Severity.WARN, "session-shorter-than-restart",
						"session.timeout.ms (" + session + " ms) is shorter than "
								+ "kafka.resilience.static-membership.expected-restart-time ("
								+ request.expectedRestartTime().toMillis() + " ms): a crashed static member is "
								+ "evicted before it is back, costing two rebalances. Raise session.timeout.ms "
								+ "or lower the expected restart time."));
			}
		}
		if (request.shutdownTimeout().compareTo(request.shutdownPhaseTimeout()) >= 0) {
			findings.add(new Finding(Severity.WARN, "shutdown-timeout-exceeds-phase",
					"kafka.resilience.shutdown.timeout (" + request.shutdownTimeout().toMillis() + " ms) does not fit "
							+ "inside spring.lifecycle.timeout-per-shutdown-phase ("
							+ request.shutdownPhaseTimeout().toMillis() + " ms): the context may close before "
							+ "in-flight records are committed. Lower the first or raise the second."));
		}

		List<EffectiveSetting> settings = new ArrayList<>();
		settings.add(new EffectiveSetting(ConsumerConfig.GROUP_PROTOCOL_CONFIG,
				user.has(ConsumerConfig.GROUP_PROTOCOL_CONFIG) ? user.value(ConsumerConfig.GROUP_PROTOCOL_CONFIG)
						: protocol.name().toLowerCase(Locale.ROOT),
				user.has(ConsumerConfig.GROUP_PROTOCOL_CONFIG) ? SettingSource.USER : SettingSource.KAFKA_DEFAULT));
		List<String> keys = new ArrayList<>();
		if (protocol == GroupProtocol.CLASSIC) {
			keys.addAll(List.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
					ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
		}
		else {
			keys.add(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);
		}
		keys.addAll(List.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.CLIENT_RACK_CONFIG));
		for (String key : keys) {
			settings.add(effective(key, user, additions));
		}
		settings
			.add(new EffectiveSetting(SHUTDOWN_TIMEOUT, ms(request.shutdownTimeout()), SettingSource.KAFKA_RESILIENCE));
		settings.add(leaveGroup(request, kind.hasInstanceId(), findings));

		ListenerSettings listenerSettings = new ListenerSettings(request.listenerId(), request.groupId(), protocol,
				request.concurrency(), settings, findings);
		return new Resolution(additions, listenerSettings);
	}

	private static EffectiveSetting leaveGroup(Request request, boolean staticMember, List<Finding> findings) {
		if (!staticMember) {
			// A dynamic member sends LeaveGroup whenever its consumer unsubscribes or
			// closes.
			return new EffectiveSetting(LEAVE_GROUP_ON_STOP, "true", SettingSource.KAFKA_DEFAULT);
		}
		if (!request.membershipHooked()) {
			findings.add(new Finding(Severity.WARN, "leave-group-unavailable", "Static members of this listener "
					+ "stay in the group when they stop, so their partitions wait for them or for session.timeout.ms: "
					+ "its consumer factory is not Spring Boot's, and kafka-resilience only hooks into Boot's. Add "
					+ "the MembershipConsumerPostProcessor bean to your factory with addPostProcessor(...)."));
			return new EffectiveSetting(LEAVE_GROUP_ON_STOP, "false", SettingSource.KAFKA_DEFAULT);
		}
		return new EffectiveSetting(LEAVE_GROUP_ON_STOP, Boolean.toString(request.leaveGroup()),
				SettingSource.KAFKA_RESILIENCE);
	}

	private static GroupProtocol protocol(UserConsumerConfig user) {
		String value = user.value(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
		if (value == null) {
			return GroupProtocol.CLASSIC;
		}
		try {
			return GroupProtocol.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidKafkaResilienceConfigurationException(ConsumerConfig.GROUP_PROTOCOL_CONFIG,
					"'" + value + "' is not a group protocol.", "Set group.protocol to 'classic' or 'consumer'.");
		}
	}

	static void fill(UserConsumerConfig user, Map<String, String> additions, String key, String value) {
		if (!user.has(key)) {
			additions.put(key, value);
		}
	}

	private static EffectiveSetting effective(String key, UserConsumerConfig user, Map<String, String> additions) {
		String userValue = user.value(key);
		if (userValue != null) {
			return new EffectiveSetting(key, userValue, SettingSource.USER);
		}
		String added = additions.get(key);
		if (added != null) {
			return new EffectiveSetting(key, added, SettingSource.KAFKA_RESILIENCE);
		}
		return new EffectiveSetting(key, UserConsumerConfig.render(KAFKA_DEFAULTS.get(key)),
				SettingSource.KAFKA_DEFAULT);
	}

	static String ms(Duration duration) {
		return Long.toString(duration.toMillis());
	}

	/**
	 * What is known about one listener container.
	 *
	 * @param listenerId the listener id
	 * @param groupId the consumer group, or {@code null}
	 * @param concurrency consumers in the container
	 * @param factoryConfigs the consumer factory's configuration
	 * @param containerOverrides the container's consumer properties, including
	 * {@code @KafkaListener} properties
	 * @param defaults kafka-resilience defaults for this listener
	 * @param membership the static membership decision for this listener
	 * @param expectedRestartTime how long a restart usually takes
	 * @param shutdownTimeout how long a graceful stop may take
	 * @param shutdownPhaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}
	 * @param leaveGroup whether static members leave on a graceful stop
	 * @param membershipHooked whether the consumer factory runs kafka-resilience's
	 * consumer post-processor, which makes static members leave
	 * @param rack this instance's rack, or {@code null}
	 */
	public record Request(String listenerId, @Nullable String groupId, int concurrency,
			Map<String, Object> factoryConfigs, Properties containerOverrides, ConsumerDefaults defaults,
			StaticMembershipDecision membership, Duration expectedRestartTime, Duration shutdownTimeout,
			Duration shutdownPhaseTimeout, boolean leaveGroup, boolean membershipHooked, @Nullable ClientRack rack) {

	}

	/**
	 * The outcome for one listener.
	 *
	 * @param additions consumer properties to add to the container
	 * @param settings the effective settings and findings
	 */
	public record Resolution(Map<String, String> additions, ListenerSettings settings) {

	}

}

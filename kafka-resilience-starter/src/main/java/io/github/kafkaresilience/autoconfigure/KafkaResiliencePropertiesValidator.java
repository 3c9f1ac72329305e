package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.defaults.ConsumerDefaults;
import io.github.kafkaresilience.defaults.ConsumerSettingsResolver;
import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import io.github.kafkaresilience.membership.InstanceIds;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;

import org.springframework.util.ClassUtils;

/**
 * Fails fast on {@code kafka.resilience.*} values that cannot work, naming the property
 * and the fix.
 *
 * @author kafka-resilience
 */
final class KafkaResiliencePropertiesValidator {

	private KafkaResiliencePropertiesValidator() {
	}

	static void validate(KafkaResilienceProperties resilience, ConsumerDefaultsProperties consumer,
			StaticMembershipProperties staticMembership, ShutdownProperties shutdown, RebalanceProperties rebalance,
			ClassLoader classLoader) {
		ConsumerDefaults defaults = consumer.toDefaults();
		validate("kafka.resilience.consumer.", defaults, classLoader);
		for (Map.Entry<String, ListenerProperties> listener : resilience.getListeners().entrySet()) {
			validate("kafka.resilience.listeners." + listener.getKey() + ".consumer.",
					listener.getValue().applyTo(defaults), classLoader);
		}
		String instanceId = staticMembership.getInstanceId();
		if (instanceId != null && !InstanceIds.isLegal(instanceId)) {
			throw ConsumerSettingsResolver.illegalInstanceId("kafka.resilience.static-membership.instance-id",
					instanceId);
		}
		positive("kafka.resilience.static-membership.expected-restart-time", staticMembership.getExpectedRestartTime());
		positive("kafka.resilience.shutdown.timeout", shutdown.getTimeout());
		if (rebalance.getHistorySize() < 1) {
			throw new InvalidKafkaResilienceConfigurationException("kafka.resilience.rebalance.history-size",
					"The rebalance history must keep at least one event per group, but history-size is "
							+ rebalance.getHistorySize() + ".",
					"Set kafka.resilience.rebalance.history-size to 1 or more (default 200).");
		}
	}

	private static void validate(String prefix, ConsumerDefaults defaults, ClassLoader classLoader) {
		if (defaults.sessionTimeout() != null) {
			positive(prefix + "session-timeout", defaults.sessionTimeout());
		}
		positive(prefix + "heartbeat-interval", defaults.heartbeatInterval());
		positive(prefix + "max-poll-interval", defaults.maxPollInterval());
		if (defaults.maxPollRecords() < 1) {
			throw new InvalidKafkaResilienceConfigurationException(prefix + "max-poll-records",
					"max-poll-records must be at least 1, but is " + defaults.maxPollRecords() + ".",
					"Set " + prefix + "max-poll-records to a positive number.");
		}
		// Unset, the shorter of the two membership defaults is the one to fit under.
		Duration session = defaults.sessionTimeout(false);
		if (defaults.heartbeatInterval().compareTo(session) >= 0) {
			throw new InvalidKafkaResilienceConfigurationException(prefix + "heartbeat-interval",
					"The heartbeat interval (" + defaults.heartbeatInterval().toMillis()
							+ " ms) must be shorter than the session timeout (" + session.toMillis()
							+ " ms), or the broker evicts members between two heartbeats.",
					"Set " + prefix + "heartbeat-interval to at most a third of " + prefix + "session-timeout.");
		}
		List<String> assignors = defaults.partitionAssignmentStrategy();
		if (assignors.isEmpty()) {
			throw new InvalidKafkaResilienceConfigurationException(prefix + "partition-assignment-strategy",
					"At least one partition assignor is needed.", "Set " + prefix + "partition-assignment-strategy to "
							+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor or another assignor class.");
		}
		for (String assignor : assignors) {
			checkAssignor(prefix + "partition-assignment-strategy", assignor, classLoader);
		}
	}

	private static void checkAssignor(String property, String name, ClassLoader classLoader) {
		Class<?> type;
		try {
			type = ClassUtils.forName(name.trim(), classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidKafkaResilienceConfigurationException(property,
					"Partition assignor class '" + name + "' was not found on the classpath.",
					"Use a fully qualified class name such as "
							+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor, "
							+ "org.apache.kafka.clients.consumer.StickyAssignor or "
							+ "org.apache.kafka.clients.consumer.RangeAssignor.");
		}
		if (!ConsumerPartitionAssignor.class.isAssignableFrom(type)) {
			throw new InvalidKafkaResilienceConfigurationException(property,
					"'" + name + "' is not a partition assignor: it does not implement "
							+ ConsumerPartitionAssignor.class.getName() + ".",
					"Use an assignor class such as org.apache.kafka.clients.consumer.CooperativeStickyAssignor.");
		}
	}

	private static void positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidKafkaResilienceConfigurationException(property,
					property + " must be a positive duration, but is " + value + ".",
					"Set " + property + " to a positive duration such as 30s.");
		}
	}

}

package io.github.kafkaresilience.membership;

import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Whether one listener's consumers become static members, and under which base instance
 * id.
 *
 * @param baseInstanceId the {@code group.instance.id} given to the listener (Spring Kafka
 * appends {@code -n} per concurrent consumer), or {@code null} for dynamic membership
 * @param reason one sentence for the startup report
 * @author kafka-resilience
 */
public record StaticMembershipDecision(@Nullable String baseInstanceId, String reason) {

	/**
	 * Decide for one listener.
	 * @param mode the configured mode
	 * @param identity the host identity
	 * @param listenerId the listener id
	 * @return the decision
	 * @throws InvalidKafkaResilienceConfigurationException in
	 * {@link StaticMembershipMode#ALWAYS} mode without an identity
	 */
	public static StaticMembershipDecision decide(StaticMembershipMode mode, HostIdentity identity, String listenerId) {
		if (mode == StaticMembershipMode.NEVER) {
			return new StaticMembershipDecision(null, "static membership is off (mode never)");
		}
		String name = identity.name();
		if (mode == StaticMembershipMode.ALWAYS) {
			if (name == null) {
				throw missingIdentity();
			}
			return new StaticMembershipDecision(InstanceIds.forListener(name, listenerId),
					"mode always, identity from " + identity.source());
		}
		if (name != null && identity.stable()) {
			return new StaticMembershipDecision(InstanceIds.forListener(name, listenerId),
					"identity from " + identity.source() + " (" + identity.reason() + ")");
		}
		return new StaticMembershipDecision(null, "static membership skipped: " + identity.source() + " '"
				+ ((name != null) ? name : "") + "' " + identity.reason());
	}

	/**
	 * The failure for {@link StaticMembershipMode#ALWAYS} without any identity.
	 * @return the exception
	 */
	public static InvalidKafkaResilienceConfigurationException missingIdentity() {
		return new InvalidKafkaResilienceConfigurationException("kafka.resilience.static-membership.mode",
				"Static membership mode 'always' needs an identity for this instance, but "
						+ "kafka.resilience.static-membership.instance-id, POD_NAME and HOSTNAME are all unset "
						+ "and the host name could not be resolved.",
				"Set kafka.resilience.static-membership.instance-id (for example to the StatefulSet pod name "
						+ "through the downward API), or use mode 'auto'.");
	}

}

package io.github.kafkaresilience.membership;

import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Whether one listener's consumers become static members, and under which base instance
 * id.
 *
 * @param baseInstanceId the {@code group.instance.id} given to the listener (Spring Kafka
 * appends {@code -n} per concurrent consumer), or {@code null} for dynamic membership
 * @param podScoped whether the id lasts only as long as the pod: a container restarted in
 * place gets it back, a replaced pod never does, so the member gets a dynamic member's
 * session timeout
 * @param reason one sentence for the startup report
 * @author kafka-resilience
 */
public record StaticMembershipDecision(@Nullable String baseInstanceId, boolean podScoped, String reason) {

	/**
	 * A decision for an id that outlives the pod, or for dynamic membership.
	 * @param baseInstanceId the base id, or {@code null} for dynamic membership
	 * @param reason one sentence for the startup report
	 */
	public StaticMembershipDecision(@Nullable String baseInstanceId, String reason) {
		this(baseInstanceId, false, reason);
	}

	/**
	 * Decide for one listener.
	 * @param mode the configured mode
	 * @param identity the host identity
	 * @param listenerId the listener id
	 * @param leavesOnStop whether this listener's static members leave the group on a
	 * graceful stop
	 * @return the decision
	 * @throws InvalidKafkaResilienceConfigurationException in
	 * {@link StaticMembershipMode#ALWAYS} mode without an identity
	 */
	public static StaticMembershipDecision decide(StaticMembershipMode mode, HostIdentity identity, String listenerId,
			boolean leavesOnStop) {
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
		if (name != null && identity.lifetime() == HostIdentity.Lifetime.PERMANENT) {
			return new StaticMembershipDecision(InstanceIds.forListener(name, listenerId),
					"identity from " + identity.source() + " (" + identity.reason() + ")");
		}
		// A pod-scoped id pays off only when a crashed container comes back in its pod;
		// a graceful stop must leave, or every rollout would strand the old pods' ids
		// and their partitions until the session expires.
		if (name != null && identity.lifetime() == HostIdentity.Lifetime.POD && leavesOnStop) {
			return new StaticMembershipDecision(InstanceIds.forListener(name, listenerId), true,
					"identity from " + identity.source() + " (" + identity.reason()
							+ "; a crashed container restarted in place rejoins without a rebalance, and a "
							+ "graceful stop leaves the group)");
		}
		String reason = identity.reason();
		if (identity.lifetime() == HostIdentity.Lifetime.POD) {
			reason += ", and this listener's static members would not leave the group on a graceful stop "
					+ "(kafka.resilience.shutdown.leave-group=false, or a consumer factory that is not Spring "
					+ "Boot's), so every rollout would leave the old pods' ids holding their partitions";
		}
		return new StaticMembershipDecision(null, "static membership skipped: " + identity.source() + " '"
				+ ((name != null) ? name : "") + "' " + reason);
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

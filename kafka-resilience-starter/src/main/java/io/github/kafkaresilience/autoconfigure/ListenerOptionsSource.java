package io.github.kafkaresilience.autoconfigure;

import java.util.function.Function;

import io.github.kafkaresilience.defaults.ConsumerDefaults;
import io.github.kafkaresilience.defaults.ListenerOptions;
import io.github.kafkaresilience.membership.HostIdentity;
import io.github.kafkaresilience.membership.StaticMembershipDecision;
import io.github.kafkaresilience.membership.StaticMembershipMode;

/**
 * The options of each listener: its {@code kafka.resilience.listeners.<id>.*} overrides
 * over the global sections.
 *
 * @author kafka-resilience
 */
final class ListenerOptionsSource implements Function<String, ListenerOptions> {

	private final KafkaResilienceProperties resilience;

	private final StaticMembershipMode globalMode;

	private final ConsumerDefaults defaults;

	/**
	 * Create the options of every listener.
	 * @param resilience the global consumer section and the per-listener overrides
	 * @param staticMembership the global static membership section
	 * @param identity this instance's identity
	 * @throws io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException
	 * if a listener must be a static member and this instance has no identity, which only
	 * the environment tells, not the properties
	 */
	ListenerOptionsSource(KafkaResilienceProperties resilience, StaticMembershipProperties staticMembership,
			HostIdentity identity) {
		this.resilience = resilience;
		this.globalMode = staticMembership.getMode();
		this.defaults = resilience.consumerDefaults();
		boolean alwaysSomewhere = this.globalMode == StaticMembershipMode.ALWAYS || resilience.getListeners()
			.values()
			.stream()
			.anyMatch((listener) -> listener.getStaticMembership() == StaticMembershipMode.ALWAYS);
		if (alwaysSomewhere && identity.name() == null) {
			throw StaticMembershipDecision.missingIdentity();
		}
	}

	@Override
	public ListenerOptions apply(String listenerId) {
		ListenerProperties listener = this.resilience.getListeners().get(listenerId);
		if (listener == null) {
			return new ListenerOptions(true, this.defaults, this.globalMode);
		}
		StaticMembershipMode mode = (listener.getStaticMembership() != null) ? listener.getStaticMembership()
				: this.globalMode;
		return new ListenerOptions(listener.isEnabled(), listener.applyTo(this.defaults), mode);
	}

}

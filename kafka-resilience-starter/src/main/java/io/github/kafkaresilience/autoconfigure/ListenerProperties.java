package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.defaults.ConsumerDefaults;
import io.github.kafkaresilience.membership.StaticMembershipMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

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
	private @Nullable StaticMembershipMode staticMembership;

	/**
	 * Consumer settings for this listener, over kafka.resilience.consumer.*.
	 */
	@NestedConfigurationProperty
	private final ConsumerProperties consumer = new ConsumerProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable StaticMembershipMode getStaticMembership() {
		return this.staticMembership;
	}

	public void setStaticMembership(@Nullable StaticMembershipMode staticMembership) {
		this.staticMembership = staticMembership;
	}

	public ConsumerProperties getConsumer() {
		return this.consumer;
	}

	ConsumerDefaults applyTo(ConsumerDefaults defaults) {
		return this.consumer.applyTo(defaults);
	}

}

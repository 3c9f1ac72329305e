package io.github.kafkaresilience.defaults;

import io.github.kafkaresilience.membership.StaticMembershipMode;

/**
 * kafka-resilience settings for one listener, after per-listener overrides.
 *
 * @param enabled whether kafka-resilience touches this listener at all
 * @param defaults the consumer defaults to fill in
 * @param staticMembership the static membership mode
 * @author kafka-resilience
 */
public record ListenerOptions(boolean enabled, ConsumerDefaults defaults, StaticMembershipMode staticMembership) {

}

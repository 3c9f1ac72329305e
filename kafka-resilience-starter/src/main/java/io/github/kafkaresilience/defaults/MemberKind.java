package io.github.kafkaresilience.defaults;

import io.github.kafkaresilience.membership.StaticMembershipDecision;
import org.jspecify.annotations.Nullable;

/**
 * How a listener's consumers are members of their group, which decides the session
 * timeout they get and what the report says about it.
 *
 * @author kafka-resilience
 */
enum MemberKind {

	/**
	 * No {@code group.instance.id}.
	 */
	DYNAMIC,

	/**
	 * A {@code group.instance.id} that lasts as long as the pod: worth keeping through a
	 * container restart in place, never coming back once the pod is replaced.
	 */
	POD_STATIC,

	/**
	 * A {@code group.instance.id} that every restart brings back.
	 */
	STATIC;

	static MemberKind of(@Nullable String userInstanceId, StaticMembershipDecision decision) {
		if (userInstanceId != null) {
			return STATIC;
		}
		if (decision.baseInstanceId() == null) {
			return DYNAMIC;
		}
		return decision.podScoped() ? POD_STATIC : STATIC;
	}

	boolean hasInstanceId() {
		return this != DYNAMIC;
	}

}

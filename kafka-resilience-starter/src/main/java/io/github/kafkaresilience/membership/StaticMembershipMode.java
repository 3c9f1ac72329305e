package io.github.kafkaresilience.membership;

/**
 * When kafka-resilience gives consumers a {@code group.instance.id}.
 *
 * @author kafka-resilience
 */
public enum StaticMembershipMode {

	/**
	 * Only when the identity is stable across restarts: an explicit instance id, or a
	 * Kubernetes pod whose name does not change on rollout (a StatefulSet). Deployment
	 * pod names, container ids and plain host names shared by several processes are
	 * skipped, and the startup report says why.
	 */
	AUTO,

	/**
	 * Always, from the explicit instance id or the host identity; fails at startup when
	 * there is none.
	 */
	ALWAYS,

	/**
	 * Never: consumers are dynamic members.
	 */
	NEVER

}

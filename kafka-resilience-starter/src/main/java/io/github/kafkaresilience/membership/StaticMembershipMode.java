package io.github.kafkaresilience.membership;

/**
 * When kafka-resilience gives consumers a {@code group.instance.id}.
 *
 * @author kafka-resilience
 */
public enum StaticMembershipMode {

	/**
	 * When the identity comes back after a restart: an explicit instance id or a pod
	 * whose name does not change on rollout (a StatefulSet), and a generated pod name (a
	 * Deployment's) for the container restarts inside its pod, with a dynamic member's
	 * session timeout and only where a graceful stop leaves the group. Container ids and
	 * plain host names shared by several processes are skipped, and the startup report
	 * says why.
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

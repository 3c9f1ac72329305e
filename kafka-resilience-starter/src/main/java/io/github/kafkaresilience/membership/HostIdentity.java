package io.github.kafkaresilience.membership;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The name this process is known by, where it came from, and which restarts it survives.
 *
 * @param name the identity, or {@code null} when none could be found
 * @param source where the name came from
 * ({@code kafka.resilience.static-membership.instance-id}, {@code POD_NAME},
 * {@code HOSTNAME} or {@code hostname})
 * @param lifetime which restarts give the process the same name again
 * @param reason why the identity has that lifetime
 * @author kafka-resilience
 */
public record HostIdentity(@Nullable String name, String source, Lifetime lifetime, String reason) {

	/**
	 * Characters Kafka accepts in a {@code group.instance.id}.
	 */
	static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

	// Kubernetes names Deployment pods <deployment>-<pod-template-hash>-<5 chars>, using
	// its "safe" alphabet
	// (no vowels, no 0/1/3) for the two generated parts; both change on every rollout.
	private static final Pattern DEPLOYMENT_POD = Pattern
		.compile(".+-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}");

	// DaemonSet, Job and bare ReplicaSet pods end in 5 generated characters and get new
	// ones when recreated.
	private static final Pattern GENERATED_POD = Pattern.compile(".+-[bcdfghjklmnpqrstvwxz2456789]{5}");

	// A StatefulSet pod is <statefulset>-<ordinal> and keeps its name across restarts.
	private static final Pattern STATEFUL_SET_POD = Pattern.compile(".+-\\d+");

	// Docker names a container after the first 12 hex digits of its id, new on every run.
	private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{12}");

	/**
	 * Work out this process's identity from an environment lookup.
	 * @param configuredInstanceId the user's explicit instance id, if any
	 * @param env looks up an environment variable (or property of the same name)
	 * @param hostname supplies the machine's host name, may return {@code null}
	 * @return the identity
	 */
	public static HostIdentity resolve(@Nullable String configuredInstanceId, Lookup env,
			Supplier<@Nullable String> hostname) {
		if (hasText(configuredInstanceId)) {
			return new HostIdentity(configuredInstanceId, "kafka.resilience.static-membership.instance-id",
					Lifetime.PERMANENT, "set explicitly");
		}
		boolean kubernetes = hasText(env.get("KUBERNETES_SERVICE_HOST"));
		String podName = env.get("POD_NAME");
		if (hasText(podName)) {
			return classifyPodName(podName, "POD_NAME");
		}
		String hostnameVariable = env.get("HOSTNAME");
		if (hasText(hostnameVariable)) {
			if (kubernetes) {
				return classifyPodName(hostnameVariable, "HOSTNAME");
			}
			if (CONTAINER_ID.matcher(hostnameVariable).matches()) {
				return new HostIdentity(hostnameVariable, "HOSTNAME", Lifetime.NONE,
						"looks like a container id, which changes every time the container is recreated");
			}
			return new HostIdentity(hostnameVariable, "HOSTNAME", Lifetime.NONE,
					"not running on Kubernetes: several processes on one host would share this name");
		}
		String machine = hostname.get();
		if (hasText(machine)) {
			return new HostIdentity(machine, "hostname", Lifetime.NONE,
					"not running on Kubernetes: several processes on one host would share this name");
		}
		return new HostIdentity(null, "none", Lifetime.NONE, "no POD_NAME, HOSTNAME or host name is available");
	}

	// Kubernetes restarts a crashed or OOM-killed container inside the same pod, so even
	// a
	// generated pod name comes back after a crash; only a new pod (a rollout, a lost
	// node)
	// gets a new one.
	private static HostIdentity classifyPodName(String name, String source) {
		if (DEPLOYMENT_POD.matcher(name).matches()) {
			return new HostIdentity(name, source, Lifetime.POD,
					"looks like a Deployment pod name: the same when a container restarts in place, new when "
							+ "the pod is replaced");
		}
		if (GENERATED_POD.matcher(name).matches()) {
			return new HostIdentity(name, source, Lifetime.POD,
					"looks like a generated pod name (DaemonSet, Job or ReplicaSet): the same when a container "
							+ "restarts in place, new when the pod is replaced");
		}
		if (STATEFUL_SET_POD.matcher(name).matches()) {
			return new HostIdentity(name, source, Lifetime.PERMANENT,
					"looks like a StatefulSet pod name, stable across restarts");
		}
		return new HostIdentity(name, source, Lifetime.PERMANENT, "a pod name that is not generated per rollout");
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * Looks up a named value such as an environment variable.
	 */
	@FunctionalInterface
	public interface Lookup {

		/**
		 * The value of a name.
		 * @param name the name
		 * @return the value, or {@code null}
		 */
		@Nullable String get(String name);

	}

	/**
	 * Which restarts give a process the same identity again.
	 */
	public enum Lifetime {

		/**
		 * None that can be relied on: no identity, one that is new with every container,
		 * or one that several processes share.
		 */
		NONE,

		/**
		 * A container restarted in its pod (a crash, an OOM kill) gets it back; a new pod
		 * (a rollout, a rescheduled pod) gets a new one.
		 */
		POD,

		/**
		 * Every restart and replacement gets it back: a StatefulSet pod name, a chosen
		 * name, an explicit instance id.
		 */
		PERMANENT

	}

}

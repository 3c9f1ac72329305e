package io.github.kafkaresilience.membership;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@code group.instance.id} values that Kafka accepts and that are unique per
 * listener.
 *
 * @author kafka-resilience
 */
public final class InstanceIds {

	/**
	 * Longest id Kafka accepts.
	 */
	public static final int MAX_LENGTH = 249;

	// Leaves room for the -<n> suffix Spring Kafka adds per concurrent consumer.
	private static final int MAX_BASE_LENGTH = MAX_LENGTH - 8;

	private static final Pattern GENERATED_LISTENER_ID = Pattern
		.compile("org\\.springframework\\.kafka\\.KafkaListenerEndpointContainer#(\\d+)");

	private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");

	private InstanceIds() {
	}

	/**
	 * The instance id for one listener container on this host; Spring Kafka appends
	 * {@code -0}, {@code -1}, ... for each consumer when the container's concurrency is
	 * above one.
	 * @param identity the host identity
	 * @param listenerId the container's listener id
	 * @return a legal instance id
	 */
	public static String forListener(String identity, String listenerId) {
		String id = identity + "-" + listenerPart(listenerId);
		id = ILLEGAL.matcher(id).replaceAll("_");
		return (id.length() > MAX_BASE_LENGTH) ? id.substring(0, MAX_BASE_LENGTH) : id;
	}

	/**
	 * Whether a user-supplied id only uses characters Kafka accepts and leaves room for
	 * suffixes.
	 * @param id the id
	 * @return {@code true} if legal
	 */
	public static boolean isLegal(String id) {
		return HostIdentity.LEGAL.matcher(id).matches() && id.length() <= MAX_BASE_LENGTH && !".".equals(id)
				&& !"..".equals(id);
	}

	/**
	 * Longest id a user may configure, leaving room for Spring Kafka's per-consumer
	 * suffix.
	 * @return the length
	 */
	public static int maxConfigurableLength() {
		return MAX_BASE_LENGTH;
	}

	/**
	 * Why Kafka or kafka-resilience would refuse an id, and the fix.
	 * @param id an id that is not {@link #isLegal(String) legal}
	 * @return the explanation
	 */
	public static String whyIllegal(String id) {
		return "'" + id + "' is not a valid group.instance.id: Kafka accepts only letters, digits, '.', '_' and "
				+ "'-', and kafka-resilience needs it to be at most " + MAX_BASE_LENGTH
				+ " characters to add per-consumer suffixes. Use a value such as the pod name ('orders-0'), "
				+ "replacing other characters with '-' or '_'.";
	}

	private static String listenerPart(String listenerId) {
		Matcher generated = GENERATED_LISTENER_ID.matcher(listenerId);
		return generated.matches() ? "listener-" + generated.group(1) : listenerId;
	}

}

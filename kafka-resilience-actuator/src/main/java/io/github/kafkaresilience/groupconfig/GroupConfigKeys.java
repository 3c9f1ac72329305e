package io.github.kafkaresilience.groupconfig;

/**
 * Names of the broker's group settings. They live in Kafka's group coordinator, which is
 * not on a client's classpath.
 *
 * @author kafka-resilience
 */
public final class GroupConfigKeys {

	/** A group's heartbeat interval on the consumer protocol. */
	public static final String HEARTBEAT_INTERVAL = "consumer.heartbeat.interval.ms";

	/** A group's session timeout on the consumer protocol. */
	public static final String SESSION_TIMEOUT = "consumer.session.timeout.ms";

	/** The broker's default heartbeat interval for consumer-protocol groups. */
	public static final String BROKER_HEARTBEAT_INTERVAL = "group.consumer.heartbeat.interval.ms";

	/** The lowest heartbeat interval the broker accepts for a group. */
	public static final String BROKER_MIN_HEARTBEAT_INTERVAL = "group.consumer.min.heartbeat.interval.ms";

	/** The highest heartbeat interval the broker accepts for a group. */
	public static final String BROKER_MAX_HEARTBEAT_INTERVAL = "group.consumer.max.heartbeat.interval.ms";

	/** The broker's default session timeout for consumer-protocol groups. */
	public static final String BROKER_SESSION_TIMEOUT = "group.consumer.session.timeout.ms";

	/** The lowest session timeout the broker accepts for a group. */
	public static final String BROKER_MIN_SESSION_TIMEOUT = "group.consumer.min.session.timeout.ms";

	/** The highest session timeout the broker accepts for a group. */
	public static final String BROKER_MAX_SESSION_TIMEOUT = "group.consumer.max.session.timeout.ms";

	private GroupConfigKeys() {
	}

	/**
	 * The broker setting that bounds a group setting from below.
	 * @param key a group setting
	 * @return the broker's minimum for it
	 */
	static String brokerMinimum(String key) {
		return HEARTBEAT_INTERVAL.equals(key) ? BROKER_MIN_HEARTBEAT_INTERVAL : BROKER_MIN_SESSION_TIMEOUT;
	}

	/**
	 * The broker setting that bounds a group setting from above.
	 * @param key a group setting
	 * @return the broker's maximum for it
	 */
	static String brokerMaximum(String key) {
		return HEARTBEAT_INTERVAL.equals(key) ? BROKER_MAX_HEARTBEAT_INTERVAL : BROKER_MAX_SESSION_TIMEOUT;
	}

}

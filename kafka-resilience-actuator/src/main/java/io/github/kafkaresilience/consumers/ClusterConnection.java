package io.github.kafkaresilience.consumers;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The settings that decide which cluster a client talks to and how it authenticates:
 * {@code bootstrap.servers}, {@code client.dns.lookup} and every {@code security.*},
 * {@code sasl.*} and {@code ssl.*} key. Two listeners with equal connections consume from
 * the same cluster as the same principal, so one Admin client can read both their groups.
 * Its string form names the bootstrap servers only: the rest may hold secrets.
 *
 * @param settings the connection settings
 * @author kafka-resilience
 */
public record ClusterConnection(Map<String, Object> settings) {

	/**
	 * No settings of its own: the application's default connection.
	 */
	public static final ClusterConnection DEFAULT = new ClusterConnection(Map.of());

	public ClusterConnection {
		settings = Map.copyOf(new TreeMap<>(settings));
	}

	/**
	 * The connection settings among a client's configuration.
	 * @param config the client configuration
	 * @return its connection
	 */
	public static ClusterConnection of(Map<String, ?> config) {
		Map<String, Object> settings = new TreeMap<>();
		config.forEach((key, value) -> {
			if (value != null && isConnectionSetting(key)) {
				settings.put(key, value);
			}
		});
		return new ClusterConnection(settings);
	}

	/**
	 * Whether a client setting belongs to the connection.
	 * @param key the setting's key
	 * @return {@code true} for bootstrap servers, DNS lookup and security settings
	 */
	public static boolean isConnectionSetting(String key) {
		return key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
				|| key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
				|| key.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG);
	}

	/**
	 * This connection's settings over another's: a listener's own settings over the
	 * application's.
	 * @param base the settings this one refines
	 * @return the combined connection
	 */
	public ClusterConnection over(ClusterConnection base) {
		Map<String, Object> combined = new TreeMap<>(base.settings);
		combined.putAll(this.settings);
		return new ClusterConnection(combined);
	}

	/**
	 * The bootstrap servers, as configured.
	 * @return the servers, or {@code "(default)"} when not set
	 */
	public String bootstrapServers() {
		Object servers = this.settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		if (servers instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		return (servers != null) ? servers.toString() : "(default)";
	}

	@Override
	public String toString() {
		return "ClusterConnection[" + bootstrapServers() + "]";
	}

}

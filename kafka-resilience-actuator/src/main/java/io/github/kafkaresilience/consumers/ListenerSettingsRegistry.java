package io.github.kafkaresilience.consumers;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effective settings of every listener container kafka-resilience has seen.
 *
 * @author kafka-resilience
 */
public final class ListenerSettingsRegistry {

	private final Map<String, ListenerSettings> byListener = new ConcurrentHashMap<>();

	private final Map<String, ClusterConnection> connections = new ConcurrentHashMap<>();

	/**
	 * Remember which cluster a listener's consumers connect to.
	 * @param listenerId the listener id
	 * @param connection its consumers' connection settings
	 */
	public void registerConnection(String listenerId, ClusterConnection connection) {
		this.connections.put(listenerId, connection);
	}

	/**
	 * The cluster a listener's consumers connect to, as far as kafka-resilience saw them
	 * configured.
	 * @param listenerId the listener id
	 * @return the connection, empty for a listener kafka-resilience did not see created
	 */
	public Optional<ClusterConnection> connection(String listenerId) {
		return Optional.ofNullable(this.connections.get(listenerId));
	}

	/**
	 * Remember the settings of a listener, replacing any earlier entry for the same id.
	 * @param settings the settings
	 */
	public void register(ListenerSettings settings) {
		this.byListener.put(settings.listenerId(), settings);
	}

	/**
	 * The settings of one listener.
	 * @param listenerId the listener id
	 * @return the settings, empty for an unknown listener
	 */
	public Optional<ListenerSettings> get(String listenerId) {
		return Optional.ofNullable(this.byListener.get(listenerId));
	}

	/**
	 * Every listener, sorted by id.
	 * @return the settings
	 */
	public List<ListenerSettings> all() {
		return this.byListener.values().stream().sorted(Comparator.comparing(ListenerSettings::listenerId)).toList();
	}

	/**
	 * The listeners that consume as a given group.
	 * @param groupId the group
	 * @return the settings, sorted by listener id
	 */
	public List<ListenerSettings> forGroup(String groupId) {
		return all().stream().filter((settings) -> Objects.equals(settings.groupId(), groupId)).toList();
	}

}

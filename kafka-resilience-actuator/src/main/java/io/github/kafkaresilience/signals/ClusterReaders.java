package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;

/**
 * One {@link BrokerReader}, and so one Admin client, per cluster connection this
 * application's listeners use: created when a listener on a new cluster shows up, closed
 * when none is left.
 *
 * @author kafka-resilience
 */
final class ClusterReaders {

	private final AdminClients clients;

	private final Duration requestTimeout;

	private final Map<ClusterConnection, BrokerReader> readers = new HashMap<>();

	ClusterReaders(AdminClients clients, Duration requestTimeout) {
		this.clients = clients;
		this.requestTimeout = requestTimeout;
	}

	/**
	 * The connection a listener's groups are read over.
	 * @param listener the listener's own connection
	 * @return the effective connection
	 */
	ClusterConnection resolve(ClusterConnection listener) {
		return this.clients.resolve(listener);
	}

	/**
	 * The reader of a connection, created on first use.
	 * @param connection an effective connection
	 * @return its reader
	 */
	synchronized BrokerReader reader(ClusterConnection connection) {
		return this.readers.computeIfAbsent(connection,
				(key) -> new BrokerReader(() -> this.clients.create(key), this.requestTimeout));
	}

	/**
	 * Close the readers of connections no listener uses any more.
	 * @param inUse the connections in use
	 */
	synchronized void retain(Set<ClusterConnection> inUse) {
		Iterator<Map.Entry<ClusterConnection, BrokerReader>> entries = this.readers.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<ClusterConnection, BrokerReader> entry = entries.next();
			if (!inUse.contains(entry.getKey())) {
				entry.getValue().close();
				entries.remove();
			}
		}
	}

	/**
	 * Read the given groups' settings afresh on every cluster.
	 * @param groupIds the groups
	 */
	synchronized void groupSettingsChanged(Set<String> groupIds) {
		this.readers.values().forEach((reader) -> reader.groupSettingsChanged(groupIds));
	}

	/**
	 * Groups by the cluster their listeners consume from; a group is read where its first
	 * listener with a known connection consumes.
	 */
	Map<ClusterConnection, Map<String, List<LocalListener>>> byCluster(Map<String, List<LocalListener>> byGroup,
			ListenerSettingsRegistry settingsRegistry) {
		Map<ClusterConnection, Map<String, List<LocalListener>>> byCluster = new LinkedHashMap<>();
		byGroup.forEach((groupId, listeners) -> {
			ClusterConnection own = listeners.stream()
				.map((listener) -> settingsRegistry.connection(listener.listenerId()))
				.flatMap(Optional::stream)
				.findFirst()
				.orElse(ClusterConnection.DEFAULT);
			byCluster.computeIfAbsent(resolve(own), (key) -> new TreeMap<>()).put(groupId, listeners);
		});
		return byCluster;
	}

	synchronized void close() {
		this.readers.values().forEach(BrokerReader::close);
		this.readers.clear();
	}

}

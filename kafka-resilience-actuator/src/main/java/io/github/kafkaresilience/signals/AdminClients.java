package io.github.kafkaresilience.signals;

import io.github.kafkaresilience.consumers.ClusterConnection;
import org.apache.kafka.clients.admin.Admin;

/**
 * Creates the Admin clients the signals read the broker with, one per cluster connection.
 *
 * @author kafka-resilience
 */
public interface AdminClients {

	/**
	 * The connection a listener's groups are read over: its consumers' settings over the
	 * application's Admin settings.
	 * @param listener the listener's consumers' connection, or
	 * {@link ClusterConnection#DEFAULT} when unknown
	 * @return the effective connection
	 */
	ClusterConnection resolve(ClusterConnection listener);

	/**
	 * Create an Admin client for a connection {@link #resolve(ClusterConnection)}
	 * returned.
	 * @param connection the connection
	 * @return a new client
	 */
	Admin create(ClusterConnection connection);

}

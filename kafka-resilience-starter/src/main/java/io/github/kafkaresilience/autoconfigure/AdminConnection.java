package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.signals.AdminClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The configuration of kafka-resilience's own Admin clients: they talk to the cluster the
 * consumers use.
 *
 * @author kafka-resilience
 */
final class AdminConnection {

	private AdminConnection() {
	}

	/**
	 * Admin client settings for the cluster of the application's consumers.
	 * @param kafkaAdmin the application's {@link KafkaAdmin}, if unique
	 * @param kafkaProperties Boot's Kafka properties
	 * @param consumerFactory the application's consumer factory, if unique
	 * @param timeout the request and API timeout
	 * @param clientId the client id
	 * @return the settings
	 */
	static Map<String, Object> config(ObjectProvider<KafkaAdmin> kafkaAdmin, KafkaProperties kafkaProperties,
			ObjectProvider<ConsumerFactory<?, ?>> consumerFactory, Duration timeout, String clientId) {
		Map<String, Object> config = base(kafkaAdmin, kafkaProperties, timeout, clientId);
		ConsumerFactory<?, ?> consumers = consumerFactory.getIfUnique();
		if (consumers != null) {
			// The groups live where the consumers connect: their bootstrap servers and
			// security settings win over the admin ones, which Boot leaves at
			// localhost:9092 when only spring.kafka.consumer.* is set.
			consumers.getConfigurationProperties().forEach((key, value) -> {
				if (ClusterConnection.isConnectionSetting(key)) {
					config.put(key, value);
				}
			});
		}
		return config;
	}

	/**
	 * Admin client settings of the application's {@link KafkaAdmin} (or Boot's admin
	 * properties), with kafka-resilience's timeouts and client id.
	 * @param kafkaAdmin the application's {@link KafkaAdmin}, if unique
	 * @param kafkaProperties Boot's Kafka properties
	 * @param timeout the request and API timeout
	 * @param clientId the client id
	 * @return the settings
	 */
	static Map<String, Object> base(ObjectProvider<KafkaAdmin> kafkaAdmin, KafkaProperties kafkaProperties,
			Duration timeout, String clientId) {
		KafkaAdmin admin = kafkaAdmin.getIfUnique();
		Map<String, Object> config = new HashMap<>(
				(admin != null) ? admin.getConfigurationProperties() : kafkaProperties.buildAdminProperties());
		int ms = (int) timeout.toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		return config;
	}

	/**
	 * Admin clients over these settings, one per cluster connection: a connection's own
	 * settings over the application's.
	 * @param config the application's Admin settings, from {@link #config}
	 * @return the clients
	 */
	static AdminClients clients(Map<String, Object> config) {
		ClusterConnection base = ClusterConnection.of(config);
		return new AdminClients() {

			@Override
			public ClusterConnection resolve(ClusterConnection connection) {
				return connection.over(base);
			}

			@Override
			public Admin create(ClusterConnection connection) {
				Map<String, Object> clusterConfig = new HashMap<>(config);
				clusterConfig.putAll(connection.settings());
				return Admin.create(clusterConfig);
			}

		};
	}

}

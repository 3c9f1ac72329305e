package io.github.kafkaresilience.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This instance's rack (availability zone), given to the consumers as {@code client.rack}
 * where the user set none, so that brokers running
 * {@code replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector}
 * serve their fetches from a replica in the same zone (KIP-392).
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.rack")
public class RackProperties {

	/**
	 * This instance's rack, the same name as the brokers' broker.rack of its zone. Wins
	 * over the environment variable.
	 */
	private @Nullable String id;

	/**
	 * Environment variable holding this instance's rack when kafka.resilience.rack.id is
	 * not set; on Kubernetes the deployment fills it from the node's zone
	 * (docs/operations.md). Unset or empty: no rack.
	 */
	private @Nullable String environmentVariable = "KAFKA_CLIENT_RACK";

	public @Nullable String getId() {
		return this.id;
	}

	public void setId(@Nullable String id) {
		this.id = id;
	}

	public @Nullable String getEnvironmentVariable() {
		return this.environmentVariable;
	}

	public void setEnvironmentVariable(@Nullable String environmentVariable) {
		this.environmentVariable = environmentVariable;
	}

}

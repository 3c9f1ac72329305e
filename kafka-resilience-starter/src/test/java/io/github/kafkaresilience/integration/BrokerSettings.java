package io.github.kafkaresilience.integration;

import java.util.Map;

/**
 * Broker settings that keep group tests fast without changing what is tested.
 */
final class BrokerSettings {

	/**
	 * No initial rebalance delay, and KIP-848 heartbeats every 500 ms instead of 5 s so
	 * that new members get partitions quickly.
	 */
	static final Map<String, String> FAST_GROUPS = Map.of("group.initial.rebalance.delay.ms", "0",
			"group.consumer.heartbeat.interval.ms", "500", "group.consumer.min.heartbeat.interval.ms", "500",
			"offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
			"transaction.state.log.min.isr", "1");

	/**
	 * The system property embedded brokers publish their address under, instead of Spring
	 * Boot's {@code spring.kafka.bootstrap-servers}.
	 */
	static final String BROKER_LIST_PROPERTY = "kafka-resilience.test.brokers";

	private BrokerSettings() {
	}

}

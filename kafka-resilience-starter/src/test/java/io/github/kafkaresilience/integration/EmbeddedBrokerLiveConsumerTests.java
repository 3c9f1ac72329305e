package io.github.kafkaresilience.integration;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@link LiveConsumerScenarios} on Spring Kafka's embedded KRaft broker: a real Kafka
 * broker in the test JVM.
 */
class EmbeddedBrokerLiveConsumerTests extends LiveConsumerScenarios {

	private EmbeddedKafkaKraftBroker broker;

	@Override
	protected void startBroker() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		// Not spring.kafka.bootstrap-servers: the embedded broker sets it as a system
		// property, which outlives the broker and would win over the bootstrap servers of
		// every application started later in this JVM (the standalone-broker tests').
		this.broker.brokerListProperty(BrokerSettings.BROKER_LIST_PROPERTY);
		this.broker.brokerProperties(BrokerSettings.FAST_GROUPS);
		this.broker.afterPropertiesSet();
	}

	@Override
	protected void stopBroker() {
		this.broker.destroy();
	}

	@Override
	protected String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

}

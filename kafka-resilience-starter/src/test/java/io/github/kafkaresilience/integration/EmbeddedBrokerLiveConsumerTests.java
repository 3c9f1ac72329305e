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

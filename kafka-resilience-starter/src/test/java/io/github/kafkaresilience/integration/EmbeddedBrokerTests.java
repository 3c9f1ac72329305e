package io.github.kafkaresilience.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Base for test classes that share one embedded KRaft broker and close their test
 * applications after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbeddedBrokerTests {

	private EmbeddedKafkaKraftBroker broker;

	protected KafkaTestSupport kafka;

	@BeforeAll
	void startBroker() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		// Not spring.kafka.bootstrap-servers: the embedded broker sets it as a system
		// property, which outlives the broker and would win over the bootstrap servers of
		// every application started later in this JVM (the standalone-broker tests').
		this.broker.brokerListProperty(BrokerSettings.BROKER_LIST_PROPERTY);
		this.broker.brokerProperties(BrokerSettings.FAST_GROUPS);
		this.broker.afterPropertiesSet();
		this.kafka = new KafkaTestSupport(this.broker.getBrokersAsString());
	}

	@AfterEach
	void stopApps() {
		this.kafka.closeApps();
	}

	@AfterAll
	void stopBroker() {
		this.kafka.close();
		this.broker.destroy();
	}

}

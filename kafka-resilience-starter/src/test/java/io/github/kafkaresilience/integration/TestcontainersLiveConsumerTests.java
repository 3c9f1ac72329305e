package io.github.kafkaresilience.integration;

import java.util.Locale;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link LiveConsumerScenarios} on Apache Kafka in a container. Skipped where no Docker
 * engine is available (as on this project's build machines, where the embedded broker
 * runs the same scenarios).
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersLiveConsumerTests extends LiveConsumerScenarios {

	@Container
	static final KafkaContainer kafka = withFastGroups(new KafkaContainer("apache/kafka:4.1.1"));

	@Override
	protected String bootstrapServers() {
		return kafka.getBootstrapServers();
	}

	private static KafkaContainer withFastGroups(KafkaContainer container) {
		BrokerSettings.FAST_GROUPS.forEach(
				(key, value) -> container.withEnv("KAFKA_" + key.replace('.', '_').toUpperCase(Locale.ROOT), value));
		return container;
	}

}

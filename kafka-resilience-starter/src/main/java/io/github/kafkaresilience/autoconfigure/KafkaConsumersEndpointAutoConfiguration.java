package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.endpoint.KafkaConsumersEndpoint;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code kafkaconsumers} endpoint. It follows Spring Boot's
 * exposure and access rules ({@code management.endpoints.web.exposure.include},
 * {@code management.endpoint.kafkaconsumers.access}).
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceSignalsAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(ConsumerSignalsCollector.class)
public final class KafkaConsumersEndpointAutoConfiguration {

	// On the method, not the class: its condition class is only loaded once the class
	// condition above holds.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	KafkaConsumersEndpoint kafkaConsumersEndpoint(ConsumerSignalsCollector collector) {
		return new KafkaConsumersEndpoint(collector);
	}

}

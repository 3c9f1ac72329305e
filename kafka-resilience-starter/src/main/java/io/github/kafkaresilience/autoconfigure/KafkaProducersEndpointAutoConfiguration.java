package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.endpoint.KafkaProducersEndpoint;
import io.github.kafkaresilience.producers.ProducerDurabilityChecker;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code kafkaproducers} endpoint. It follows Spring Boot's
 * exposure and access rules ({@code management.endpoints.web.exposure.include},
 * {@code management.endpoint.kafkaproducers.access}).
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceProducersAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(ProducerDurabilityChecker.class)
public final class KafkaProducersEndpointAutoConfiguration {

	// On the method, not the class: its condition class is only loaded once the class
	// condition above holds.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	KafkaProducersEndpoint kafkaProducersEndpoint(ProducerDurabilityChecker checker) {
		return new KafkaProducersEndpoint(checker);
	}

}

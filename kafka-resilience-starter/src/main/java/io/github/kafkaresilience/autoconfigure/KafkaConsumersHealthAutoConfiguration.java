package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.health.KafkaConsumersHealthContributor;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code kafkaConsumers} health contributor
 * ({@code management.health.kafkaconsumers.enabled}).
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceSignalsAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(ConsumerSignalsCollector.class)
@ConditionalOnEnabledHealthIndicator("kafkaconsumers")
@EnableConfigurationProperties(HealthProperties.class)
public final class KafkaConsumersHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kafkaConsumersHealthContributor")
	KafkaConsumersHealthContributor kafkaConsumersHealthContributor(ConsumerSignalsCollector collector,
			ConsumerIncidents incidents, HealthProperties properties) {
		return new KafkaConsumersHealthContributor(collector::snapshot, incidents,
				properties.statusByVerdict(KafkaConsumersHealthContributor.defaultStatusByVerdict()),
				properties.getIncidentWindow(), Clock.systemUTC());
	}

}

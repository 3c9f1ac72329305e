package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.metrics.KafkaConsumersMeterBinder;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the consumer signal meters. Contributes only a
 * {@code MeterBinder}; Spring Boot binds it to every registry.
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceSignalsAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(ConsumerSignalsCollector.class)
@EnableConfigurationProperties(MetricsProperties.class)
public final class KafkaConsumersMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KafkaConsumersMeterBinder kafkaConsumersMeterBinder(ConsumerSignalsCollector collector, RebalanceHistory history,
			MetricsProperties properties) {
		return new KafkaConsumersMeterBinder(collector, history, properties.isPerPartition());
	}

}

package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.health.StartupGate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.ListenerContainerRegistry;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the startup gate
 * ({@code kafka.resilience.startup-gate.enabled}): the {@code kafkaConsumersAssigned}
 * health indicator, meant for the readiness group.
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(ListenerSettingsRegistry.class)
@ConditionalOnBooleanProperty("kafka.resilience.startup-gate.enabled")
@EnableConfigurationProperties(StartupGateProperties.class)
public final class KafkaConsumersStartupGateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kafkaConsumersAssignedHealthIndicator")
	StartupGate kafkaConsumersAssignedHealthIndicator(StartupGateProperties properties,
			ObjectProvider<ListenerContainerRegistry> containers) {
		return new StartupGate(() -> {
			ListenerContainerRegistry registry = containers.getIfUnique();
			return (registry != null) ? registry.getAllListenerContainers() : List.of();
		}, properties.getTimeout(), Clock.systemUTC());
	}

}

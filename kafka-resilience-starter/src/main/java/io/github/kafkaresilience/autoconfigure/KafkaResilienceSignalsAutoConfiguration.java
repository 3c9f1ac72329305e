package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.evidence.PauseRecorder;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.AdminClients;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.ContainerStopRecorder;
import io.github.kafkaresilience.signals.SignalsSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ListenerContainerRegistry;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the background collection of consumer signals, on when Spring
 * Boot Actuator is present.
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean({ ListenerSettingsRegistry.class, ProgressRegistry.class })
@ConditionalOnBooleanProperty(name = "kafka.resilience.signals.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SignalsProperties.class)
public final class KafkaResilienceSignalsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ContainerStopRecorder kafkaResilienceContainerStopRecorder() {
		return new ContainerStopRecorder();
	}

	@Bean
	@ConditionalOnMissingBean
	PauseRecorder kafkaResiliencePauseRecorder() {
		return new PauseRecorder(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ConsumerSignalsCollector kafkaResilienceSignalsCollector(SignalsProperties properties,
			ObjectProvider<KafkaAdmin> kafkaAdmin, KafkaProperties kafkaProperties,
			ObjectProvider<ConsumerFactory<?, ?>> consumerFactory, ObjectProvider<ListenerContainerRegistry> containers,
			ListenerSettingsRegistry settings, RebalanceHistory history, ConsumerIncidents incidents,
			ContainerStopRecorder stops, ProgressRegistry progress, PauseRecorder pauses,
			ObjectProvider<GroupConfigChanges> configChanges) {
		SignalsSettings signals = properties.toSettings();
		Map<String, Object> config = AdminConnection.config(kafkaAdmin, kafkaProperties, consumerFactory,
				signals.requestTimeout(), "kafka-resilience-signals");
		ListenerContainerRegistry registry = containers.getIfUnique();
		AdminClients clients = AdminConnection.clients(config);
		return new ConsumerSignalsCollector(clients,
				() -> (registry != null) ? registry.getAllListenerContainers() : List.of(), settings, history,
				incidents, stops, progress, pauses, configChanges.getIfAvailable(GroupConfigChanges::new), signals,
				Clock.systemUTC());
	}

}

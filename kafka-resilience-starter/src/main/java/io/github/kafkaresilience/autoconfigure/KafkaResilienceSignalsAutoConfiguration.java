package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import io.github.kafkaresilience.evidence.PauseRecorder;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.AdminClients;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.ContainerStopRecorder;
import io.github.kafkaresilience.signals.SignalsSettings;
import org.jspecify.annotations.Nullable;

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
		SignalsSettings signals = settings(properties);
		Map<String, Object> config = AdminConnection.config(kafkaAdmin, kafkaProperties, consumerFactory,
				signals.requestTimeout(), "kafka-resilience-signals");
		ListenerContainerRegistry registry = containers.getIfUnique();
		AdminClients clients = AdminConnection.clients(config);
		return new ConsumerSignalsCollector(clients,
				() -> (registry != null) ? registry.getAllListenerContainers() : List.of(), settings, history,
				incidents, stops, progress, pauses, configChanges.getIfAvailable(GroupConfigChanges::new), signals,
				Clock.systemUTC());
	}

	static SignalsSettings settings(SignalsProperties properties) {
		positive("kafka.resilience.signals.refresh-interval", properties.getRefreshInterval());
		positive("kafka.resilience.signals.window", properties.getWindow());
		positive("kafka.resilience.signals.request-timeout", properties.getRequestTimeout());
		if (properties.getWindow().compareTo(properties.getRefreshInterval().multipliedBy(2)) < 0) {
			throw new InvalidKafkaResilienceConfigurationException("kafka.resilience.signals.window",
					"The window (" + properties.getWindow().toMillis() + " ms) must span at least two refreshes ("
							+ properties.getRefreshInterval().toMillis() + " ms each) to measure a rate.",
					"Set kafka.resilience.signals.window to at least twice kafka.resilience.signals.refresh-interval.");
		}
		ratio("kafka.resilience.signals.stuck-poll-ratio", properties.getStuckPollRatio());
		ratio("kafka.resilience.signals.poll-interval-warn-ratio", properties.getPollIntervalWarnRatio());
		if (properties.getLagGrowthThreshold() < 0 || properties.getRebalanceStormPerHour() < 0) {
			throw new InvalidKafkaResilienceConfigurationException(
					(properties.getLagGrowthThreshold() < 0) ? "kafka.resilience.signals.lag-growth-threshold"
							: "kafka.resilience.signals.rebalance-storm-per-hour",
					"Thresholds cannot be negative.", "Set a threshold of zero or more.");
		}
		return new SignalsSettings(properties.getRefreshInterval(), properties.getWindow(),
				properties.getRequestTimeout(), properties.getLagGrowthThreshold(), properties.getStuckPollRatio(),
				properties.getPollIntervalWarnRatio(), properties.getRebalanceStormPerHour());
	}

	private static void positive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidKafkaResilienceConfigurationException(property,
					property + " must be a positive duration, but is " + value + ".",
					"Set " + property + " to a positive duration such as 10s.");
		}
	}

	private static void ratio(String property, double value) {
		if (!(value > 0)) {
			throw new InvalidKafkaResilienceConfigurationException(property,
					property + " must be above zero, but is " + value + ".",
					"Set " + property + " to a share such as 0.8.");
		}
	}

}

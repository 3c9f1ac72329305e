package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.groupconfig.GroupConfigLever;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the broker-side settings of consumer-protocol groups: where
 * kafka-resilience records what it did with them and, when asked to
 * ({@code kafka.resilience.consumer-protocol.*}), the lever that sets them at startup.
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaResilienceAutoConfiguration.class,
		before = KafkaResilienceSignalsAutoConfiguration.class)
@ConditionalOnBean(ListenerSettingsRegistry.class)
@EnableConfigurationProperties(ConsumerProtocolProperties.class)
public final class KafkaResilienceConsumerProtocolAutoConfiguration {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	GroupConfigChanges kafkaResilienceGroupConfigChanges() {
		return new GroupConfigChanges();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(GroupSettingsRequested.class)
	GroupConfigLever kafkaResilienceGroupConfigLever(ConsumerProtocolProperties properties,
			ObjectProvider<KafkaAdmin> kafkaAdmin, KafkaProperties kafkaProperties,
			ObjectProvider<ConsumerFactory<?, ?>> consumerFactory, ListenerSettingsRegistry listeners,
			GroupConfigChanges changes) {
		Map<String, Duration> requested = properties.requested();
		Map<String, Object> config = AdminConnection.config(kafkaAdmin, kafkaProperties, consumerFactory,
				REQUEST_TIMEOUT, "kafka-resilience-group-config");
		return new GroupConfigLever(() -> Admin.create(config), listeners, requested, changes, REQUEST_TIMEOUT,
				RETRY_DELAY);
	}

	/**
	 * At least one group setting is asked for.
	 */
	static final class GroupSettingsRequested extends AnyNestedCondition {

		GroupSettingsRequested() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("kafka.resilience.consumer-protocol.heartbeat-interval")
		static final class HeartbeatInterval {

		}

		@ConditionalOnProperty("kafka.resilience.consumer-protocol.session-timeout")
		static final class SessionTimeout {

		}

	}

}

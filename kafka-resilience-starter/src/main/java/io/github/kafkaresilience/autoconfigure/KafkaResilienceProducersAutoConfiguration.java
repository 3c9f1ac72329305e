package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.producers.ProducerDurabilityChecker;
import io.github.kafkaresilience.producers.ProducerFactories;
import io.github.kafkaresilience.producers.ProducerTargets;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the durability check of the application's producers: every
 * {@link ProducerFactory} bean's {@code acks} and idempotence against the topics it
 * writes to, logged at startup and on every change, and shown by the
 * {@code kafkaproducers} endpoint. It reads only; producer settings stay as the user set
 * them.
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ ProducerFactory.class, KafkaAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = { "kafka.resilience.enabled", "kafka.resilience.producers.enabled" },
		matchIfMissing = true)
@EnableConfigurationProperties(ProducersProperties.class)
public final class KafkaResilienceProducersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProducerFactories kafkaResilienceProducerFactories() {
		return new ProducerFactories();
	}

	@Bean
	static ProducerFactoryRegistrar kafkaResilienceProducerFactoryRegistrar(
			ObjectProvider<ProducerFactories> factories) {
		return new ProducerFactoryRegistrar(factories);
	}

	@Bean
	@ConditionalOnMissingBean
	ProducerDurabilityChecker kafkaResilienceProducerDurabilityChecker(ProducersProperties properties,
			ProducerFactories factories, ObjectProvider<KafkaAdmin> kafkaAdmin, KafkaProperties kafkaProperties,
			ListableBeanFactory beans) {
		// Not the consumers' connection, as the signals use: each producer's own settings
		// win over these base ones.
		Map<String, Object> config = AdminConnection.base(kafkaAdmin, kafkaProperties, properties.getRequestTimeout(),
				"kafka-resilience-producers");
		ProducerTargets targets = new ProducerTargets(factories, () -> declaredTopics(beans),
				ClusterConnection.of(config), properties.getTopics(), () -> templates(beans));
		return new ProducerDurabilityChecker(targets, AdminConnection.clients(config), properties.getCheckInterval(),
				properties.getRequestTimeout(), Clock.systemUTC());
	}

	private static Collection<String> declaredTopics(ListableBeanFactory beans) {
		List<String> topics = new ArrayList<>();
		beans.getBeansOfType(NewTopic.class, false, false).values().forEach((topic) -> topics.add(topic.name()));
		return topics;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Collection<KafkaTemplate<?, ?>> templates(ListableBeanFactory beans) {
		return (Collection) beans.getBeansOfType(KafkaTemplate.class, false, false).values();
	}

}

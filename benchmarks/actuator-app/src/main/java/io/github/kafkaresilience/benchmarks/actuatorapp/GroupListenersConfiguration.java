package io.github.kafkaresilience.benchmarks.actuatorapp;

import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * {@code bench.mode=groups}: {@code bench.groups} listener beans, each an ordinary
 * {@link KafkaListener @KafkaListener} in its own group {@code <prefix>-<n>} on topic
 * {@code <prefix>-<n>}. The beans are registered from the property so that one jar runs
 * one group or ten; the annotation reads the id and topic from its bean
 * ({@code __listener}), as in Spring Kafka's documentation.
 *
 * @author kafka-resilience
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.mode", havingValue = "groups")
class GroupListenersConfiguration {

	@Bean
	static BeanDefinitionRegistryPostProcessor groupListenerRegistrar() {
		return new GroupListenerRegistrar();
	}

	/**
	 * Registers one {@link GroupListener} bean per group.
	 */
	static final class GroupListenerRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			int groups = this.environment.getRequiredProperty("bench.groups", Integer.class);
			String prefix = this.environment.getRequiredProperty("bench.topic-prefix");
			for (int n = 1; n <= groups; n++) {
				String id = prefix + "-" + n;
				registry.registerBeanDefinition("groupListener-" + id,
						BeanDefinitionBuilder.genericBeanDefinition(GroupListener.class)
							.addConstructorArgValue(id)
							.getBeanDefinition());
			}
		}

	}

	/**
	 * A listener that only counts: the scale benchmark measures the starter, not the
	 * processing.
	 */
	public static final class GroupListener {

		private final String id;

		private final LongAdder consumed = new LongAdder();

		public GroupListener(String id) {
			this.id = id;
		}

		/**
		 * The listener id, group id and topic name.
		 * @return the id
		 */
		public String getId() {
			return this.id;
		}

		@KafkaListener(id = "#{__listener.id}", groupId = "#{__listener.id}", topics = "#{__listener.id}")
		void consume(ConsumerRecord<String, String> record) {
			this.consumed.increment();
		}

	}

}

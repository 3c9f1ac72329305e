package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.defaults.ResilientContainerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Adds kafka-resilience to every listener container factory's
 * {@link ContainerCustomizer}, after the one the factory already has.
 * <p>
 * Spring Boot takes a single {@code ContainerCustomizer} bean and fails when there are
 * two, so contributing a bean would break applications that define their own. Composing
 * on the factory keeps the user's customizer and runs ours after it, so that whatever the
 * user set on the container is seen, and wins.
 *
 * @author kafka-resilience
 */
final class ContainerFactoryCustomizerPostProcessor implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ContainerFactoryCustomizerPostProcessor.class);

	private final ObjectProvider<ResilientContainerCustomizer> customizer;

	ContainerFactoryCustomizerPostProcessor(ObjectProvider<ResilientContainerCustomizer> customizer) {
		this.customizer = customizer;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			ContainerCustomizer existing;
			try {
				existing = (ContainerCustomizer) new DirectFieldAccessor(factory)
					.getPropertyValue("containerCustomizer");
			}
			catch (BeansException ex) {
				logger.warn("kafka-resilience: cannot read the container customizer of '{}' ({}); its listeners "
						+ "keep Spring Kafka's plain defaults", beanName, ex.getMessage());
				return bean;
			}
			if (existing instanceof Composite) {
				return bean;
			}
			((AbstractKafkaListenerContainerFactory) factory)
				.setContainerCustomizer(new Composite(existing, factory, this.customizer));
		}
		return bean;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private record Composite(ContainerCustomizer userCustomizer, AbstractKafkaListenerContainerFactory<?, ?, ?> factory,
			ObjectProvider<ResilientContainerCustomizer> customizer) implements ContainerCustomizer {

		@Override
		public void configure(AbstractMessageListenerContainer container) {
			if (this.userCustomizer != null) {
				this.userCustomizer.configure(container);
			}
			ConsumerFactory<?, ?> consumerFactory = this.factory.getConsumerFactory();
			if (consumerFactory != null) {
				this.customizer.getObject().customize(container, consumerFactory);
			}
		}

	}

}

package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.producers.ProducerFactories;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Registers every producer factory bean, under its bean name, for the durability check.
 * Adds a {@link ProducerFactory.Listener} that notes which topics the producers send to,
 * and changes nothing else on the factory.
 *
 * @author kafka-resilience
 */
final class ProducerFactoryRegistrar implements BeanPostProcessor {

	private final ObjectProvider<ProducerFactories> factories;

	ProducerFactoryRegistrar(ObjectProvider<ProducerFactories> factories) {
		this.factories = factories;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof ProducerFactory<?, ?> factory) {
			this.factories.getObject().register(beanName, factory);
		}
		return bean;
	}

}

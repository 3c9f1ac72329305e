package io.github.kafkaresilience.producers;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.kafka.core.ProducerFactory;

/**
 * The application's producer factories by bean name, each with the topics its producers
 * have sent to.
 *
 * @author kafka-resilience
 */
public final class ProducerFactories {

	private final Map<String, Registered> factories = new ConcurrentHashMap<>();

	/**
	 * Register a producer factory and start noting the topics its producers send to.
	 * @param name the bean name
	 * @param factory the factory
	 */
	@SuppressWarnings("unchecked")
	public void register(String name, ProducerFactory<?, ?> factory) {
		this.factories.computeIfAbsent(name, (key) -> {
			SentTopics sent = new SentTopics();
			((ProducerFactory<Object, Object>) factory).addListener(sent);
			return new Registered(factory, sent);
		});
	}

	/**
	 * Every registered factory.
	 * @return the factories by bean name, sorted
	 */
	public Map<String, Registered> all() {
		return new TreeMap<>(this.factories);
	}

	/**
	 * A registered factory.
	 *
	 * @param factory the factory
	 * @param sentTopics the topics its producers sent to
	 */
	public record Registered(ProducerFactory<?, ?> factory, SentTopics sentTopics) {

	}

}

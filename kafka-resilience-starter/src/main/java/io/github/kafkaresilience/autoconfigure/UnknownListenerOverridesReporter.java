package io.github.kafkaresilience.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import io.github.kafkaresilience.defaults.ResilientContainerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Warns, once the context is up, about {@code kafka.resilience.listeners.<id>} entries
 * that match no listener container, so that a typo in a listener id is not silently
 * ignored.
 *
 * @author kafka-resilience
 */
final class UnknownListenerOverridesReporter implements ApplicationListener<ContextRefreshedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(UnknownListenerOverridesReporter.class);

	private final KafkaResilienceProperties properties;

	private final ResilientContainerCustomizer customizer;

	UnknownListenerOverridesReporter(KafkaResilienceProperties properties, ResilientContainerCustomizer customizer) {
		this.properties = properties;
		this.customizer = customizer;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		for (String id : unknownListenerIds()) {
			logger.warn(
					"kafka-resilience: kafka.resilience.listeners.{} matches no listener container (known: {}); "
							+ "the override is not applied. Check the id against @KafkaListener(id = ...).",
					id, knownListenerIds());
		}
	}

	/**
	 * Listener ids that have overrides but no container.
	 * @return the ids, sorted
	 */
	Set<String> unknownListenerIds() {
		Set<String> unknown = new TreeSet<>(this.properties.getListeners().keySet());
		unknown.removeAll(knownListenerIds());
		return unknown;
	}

	private Set<String> knownListenerIds() {
		return new TreeSet<>(this.customizer.seenListenerIds());
	}

}

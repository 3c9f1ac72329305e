package io.github.kafkaresilience.producers;

import java.util.Map;
import java.util.TreeMap;

/**
 * A producer factory to check, and the topics it is known to write to.
 *
 * @param profile the factory's durability settings
 * @param topics each topic, with how it is known
 * @author kafka-resilience
 */
public record ProducerTarget(ProducerProfile profile, Map<String, TopicSource> topics) {

	public ProducerTarget {
		topics = Map.copyOf(new TreeMap<>(topics));
	}

}

package io.github.kafkaresilience.producers;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.MetricName;

import org.springframework.kafka.core.ProducerFactory;

/**
 * The topics a producer factory's producers have sent to, read from the producers' own
 * per-topic metrics: nothing runs on the send path. A producer that is closed leaves its
 * topics behind.
 *
 * @author kafka-resilience
 */
public final class SentTopics implements ProducerFactory.Listener<Object, Object> {

	private static final String TOPIC_METRICS_GROUP = "producer-topic-metrics";

	private static final String TOPIC_TAG = "topic";

	private final Map<String, Producer<?, ?>> producers = new ConcurrentHashMap<>();

	private final Set<String> closedProducersTopics = ConcurrentHashMap.newKeySet();

	@Override
	public void producerAdded(String id, Producer<Object, Object> producer) {
		this.producers.put(id, producer);
	}

	@Override
	public void producerRemoved(String id, Producer<Object, Object> producer) {
		Producer<?, ?> removed = this.producers.remove(id);
		if (removed != null) {
			collect(removed, this.closedProducersTopics);
		}
	}

	/**
	 * Every topic sent to so far.
	 * @return the topics, sorted
	 */
	public Set<String> topics() {
		Set<String> topics = new TreeSet<>(this.closedProducersTopics);
		this.producers.values().forEach((producer) -> collect(producer, topics));
		return topics;
	}

	private static void collect(Producer<?, ?> producer, Set<String> topics) {
		try {
			for (MetricName name : producer.metrics().keySet()) {
				if (TOPIC_METRICS_GROUP.equals(name.group())) {
					String topic = name.tags().get(TOPIC_TAG);
					if (topic != null) {
						topics.add(topic);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// A producer closed in the meantime has no metrics left to read.
		}
	}

}

package io.github.kafkaresilience.benchmarks.jmh;

import java.time.Duration;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link org.apache.kafka.clients.consumer.Consumer} whose {@code poll} and
 * {@code paused} do nothing, so that a benchmark of a call through it measures the
 * dispatch, not Kafka. Kafka's {@link MockConsumer} supplies the other methods; the two
 * measured ones are overridden because MockConsumer's are synchronized and do work.
 *
 * @author kafka-resilience
 */
final class NoOpConsumer extends MockConsumer<Object, Object> {

	NoOpConsumer() {
		super("latest");
	}

	@Override
	public ConsumerRecords<Object, Object> poll(Duration timeout) {
		return ConsumerRecords.empty();
	}

	@Override
	public Set<TopicPartition> paused() {
		return Set.of();
	}

}

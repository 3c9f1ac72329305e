package io.github.kafkaresilience.producers;

/**
 * How kafka-resilience knows that a producer writes to a topic.
 *
 * @author kafka-resilience
 */
public enum TopicSource {

	/** A {@code NewTopic} bean of the application. */
	DECLARED,

	/** Listed in {@code kafka.resilience.producers.topics}. */
	CONFIGURED,

	/** The default topic of a {@code KafkaTemplate} on the producer factory. */
	DEFAULT_TOPIC,

	/** A producer of the factory has sent to it. */
	SENT

}

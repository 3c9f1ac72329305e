package io.github.kafkaresilience.producers;

import java.util.List;

import io.github.kafkaresilience.consumers.Finding;
import org.jspecify.annotations.Nullable;

/**
 * What was found for one producer factory.
 *
 * @param profile its durability settings
 * @param topics the topics it writes to, each with what the broker says
 * @param findings what can lose or duplicate its records, each with the fix
 * @author kafka-resilience
 */
public record ProducerReport(ProducerProfile profile, List<Topic> topics, List<Finding> findings) {

	public ProducerReport {
		topics = List.copyOf(topics);
		findings = List.copyOf(findings);
	}

	/**
	 * A topic the producer writes to.
	 *
	 * @param topic the topic
	 * @param source how kafka-resilience knows of it
	 * @param durability what the broker says, or {@code null} when not read yet
	 */
	public record Topic(String topic, TopicSource source, @Nullable TopicDurability durability) {

	}

}

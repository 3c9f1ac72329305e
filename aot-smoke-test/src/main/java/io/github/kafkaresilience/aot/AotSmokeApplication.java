package io.github.kafkaresilience.aot;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The smallest application that exercises what the starter generates code for: a listener
 * whose container the starter customises, its consumer wrapped for membership, the
 * signals, health and the {@code kafkaconsumers} endpoint over HTTP.
 *
 * @author kafka-resilience
 */
@SpringBootApplication
public class AotSmokeApplication {

	/**
	 * The topic and group of the listener.
	 */
	public static final String TOPIC = "aot-orders";

	public static void main(String[] args) {
		SpringApplication.run(AotSmokeApplication.class, args);
	}

	@Bean
	NewTopic aotOrdersTopic() {
		return TopicBuilder.name(TOPIC).partitions(2).replicas(1).build();
	}

	@Bean
	ReceivedRecords receivedRecords() {
		return new ReceivedRecords();
	}

}

package io.github.kafkaresilience.integration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A consumer application with two listeners on two clusters, as a user would write it:
 * one on {@code spring.kafka.bootstrap-servers}, one with its own
 * {@code bootstrap.servers} in the listener's properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TwoClusterApp {

	@Bean
	Received received() {
		return new Received();
	}

	@Bean
	Listeners listeners(Received received) {
		return new Listeners(received);
	}

	static class Listeners {

		private final Received received;

		Listeners(Received received) {
			this.received = received;
		}

		@KafkaListener(id = "orders", topics = "${app.topic}", groupId = "${app.group}")
		void orders(ConsumerRecord<String, String> record) {
			this.received.add(record);
			this.received.processed(record);
		}

		@KafkaListener(id = "payments", topics = "${app.second-topic}", groupId = "${app.second-group}",
				properties = "bootstrap.servers=${app.second-bootstrap-servers}")
		void payments(ConsumerRecord<String, String> record) {
			this.received.add(record);
			this.received.processed(record);
		}

	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A plain Spring Boot consumer application, as a user would write it: one listener,
 * configured only through properties. Integration tests start several of them against one
 * real broker.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ConsumerApp {

	@Bean
	Received received() {
		return new Received();
	}

	@Bean
	Listener listener(Received received, @Value("${app.delay:0ms}") Duration delay) {
		return new Listener(received, delay);
	}

	/**
	 * Start an application with the given properties on top of the base ones.
	 * @param bootstrapServers the broker
	 * @param properties {@code key=value} pairs
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(String bootstrapServers, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"spring.kafka.consumer.auto-offset-reset=earliest", "app.listener-id=orders",
				"logging.level.org.apache.kafka=WARN", "logging.level.org.springframework.kafka=WARN",
				"spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		Map<String, Object> defaults = new HashMap<>();
		for (String property : all) {
			int split = property.indexOf('=');
			defaults.put(property.substring(0, split), property.substring(split + 1));
		}
		return new SpringApplicationBuilder(ConsumerApp.class).web(WebApplicationType.NONE).properties(defaults).run();
	}

	static class Listener {

		private final Received received;

		private final Duration delay;

		Listener(Received received, Duration delay) {
			this.received = received;
			this.delay = delay;
		}

		@KafkaListener(id = "${app.listener-id}", topics = "${app.topic}", groupId = "${app.group}",
				concurrency = "${app.concurrency:1}")
		void listen(ConsumerRecord<String, String> record) throws InterruptedException {
			this.received.add(record);
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay.toMillis());
			}
			this.received.processed(record);
		}

	}

}

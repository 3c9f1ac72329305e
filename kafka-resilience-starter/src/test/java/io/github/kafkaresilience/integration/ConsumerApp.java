package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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
	Control control() {
		return new Control();
	}

	@Bean
	Listener listener(Received received, Control control, @Value("${app.delay:0ms}") Duration delay) {
		return new Listener(received, control, delay);
	}

	/**
	 * Start an application with the given properties on top of the base ones.
	 * @param bootstrapServers the broker
	 * @param properties {@code key=value} pairs
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(String bootstrapServers, String... properties) {
		return start(ConsumerApp.class, bootstrapServers, properties);
	}

	/**
	 * Start another test application class with the same base properties as this one.
	 * @param application the application class
	 * @param bootstrapServers the broker
	 * @param properties {@code key=value} pairs
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(Class<?> application, String bootstrapServers, String... properties) {
		return start(application, WebApplicationType.NONE, bootstrapServers, properties);
	}

	/**
	 * Start an application with an HTTP server on a random port, exposing health,
	 * kafkaconsumers and prometheus.
	 * @param bootstrapServers the broker
	 * @param properties {@code key=value} pairs
	 * @return the running application
	 */
	static ConfigurableApplicationContext startWeb(String bootstrapServers, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0",
				"management.endpoints.web.exposure.include=health,kafkaconsumers,prometheus",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always"));
		all.addAll(List.of(properties));
		return start(ConsumerApp.class, WebApplicationType.SERVLET, bootstrapServers, all.toArray(String[]::new));
	}

	private static ConfigurableApplicationContext start(Class<?> application, WebApplicationType type,
			String bootstrapServers, String... properties) {
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
		return new SpringApplicationBuilder(application).web(type).properties(defaults).run();
	}

	static class Listener {

		private final Received received;

		private final Control control;

		private final Duration delay;

		Listener(Received received, Control control, Duration delay) {
			this.received = received;
			this.control = control;
			this.delay = delay;
		}

		@KafkaListener(id = "${app.listener-id}", topics = "${app.topic}", groupId = "${app.group}",
				concurrency = "${app.concurrency:1}")
		void listen(ConsumerRecord<String, String> record) throws InterruptedException {
			this.received.add(record);
			this.control.await();
			if ("error".equals(record.value())) {
				throw new SimulatedError();
			}
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay.toMillis());
			}
			this.received.processed(record);
		}

	}

	/**
	 * Lets a test block the listener (a stuck consumer) and release it again.
	 */
	static class Control {

		private volatile CountDownLatch gate = new CountDownLatch(0);

		void block() {
			this.gate = new CountDownLatch(1);
		}

		void release() {
			this.gate.countDown();
		}

		void await() throws InterruptedException {
			this.gate.await();
		}

	}

	/**
	 * An {@link Error}, as a listener bug or a resource failure would throw, that kills
	 * the consumer thread.
	 */
	static class SimulatedError extends Error {

		SimulatedError() {
			super("simulated: an Error escapes the listener");
		}

	}

}

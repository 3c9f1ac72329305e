package io.github.kafkaresilience.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The consumer: reads each order and spends the configured processing time on it. Its
 * group, concurrency and consumer settings come from {@code application.yml}.
 */
@Component
public class OrderProcessor {

	/**
	 * Id of the listener container, for {@code kafka.resilience.listeners.orders.*} and
	 * the listener endpoint registry.
	 */
	public static final String LISTENER_ID = "orders";

	private final DemoKnobs knobs;

	private final JsonMapper jsonMapper;

	private final AtomicLong processed = new AtomicLong();

	OrderProcessor(DemoKnobs knobs, JsonMapper jsonMapper) {
		this.knobs = knobs;
		this.jsonMapper = jsonMapper;
	}

	// idIsGroup = false: the group is spring.kafka.consumer.group-id, not the listener
	// id.
	@KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${sample.topic}")
	void process(ConsumerRecord<String, String> record) throws InterruptedException {
		// Parsing is part of the work, as in a real service; a malformed order fails
		// here.
		this.jsonMapper.readValue(record.value(), Order.class);
		this.knobs.awaitUnstuck();
		Duration delay = this.knobs.processingDelay();
		if (!delay.isZero()) {
			Thread.sleep(delay.toMillis());
		}
		this.processed.incrementAndGet();
	}

	long processed() {
		return this.processed.get();
	}

}

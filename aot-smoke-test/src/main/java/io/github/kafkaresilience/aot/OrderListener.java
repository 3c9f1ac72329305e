package io.github.kafkaresilience.aot;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records every order it receives.
 *
 * @author kafka-resilience
 */
@Component
class OrderListener {

	private final ReceivedRecords received;

	OrderListener(ReceivedRecords received) {
		this.received = received;
	}

	@KafkaListener(id = AotSmokeApplication.TOPIC, topics = AotSmokeApplication.TOPIC,
			groupId = AotSmokeApplication.TOPIC)
	void onOrder(String order) {
		this.received.add(order);
	}

}

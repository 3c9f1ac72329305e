package io.github.kafkaresilience.benchmarks.actuatorapp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code bench.strip-listener-hooks=true}: takes every record and batch interceptor off
 * the listener containers before they start, so that the overhead benchmark can tell the
 * cost of kafka-resilience's per-record evidence from the rest of the starter. A
 * measurement aid only: without the hooks the verdicts lose their evidence from inside
 * the application.
 *
 * @author kafka-resilience
 */
@Component
@ConditionalOnBooleanProperty("bench.strip-listener-hooks")
class ListenerHooksStripper implements SmartLifecycle {

	private final KafkaListenerEndpointRegistry registry;

	private volatile boolean running;

	ListenerHooksStripper(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		this.registry.getListenerContainers().forEach((container) -> {
			if (container instanceof AbstractMessageListenerContainer<?, ?> listener) {
				listener.setRecordInterceptor(null);
				listener.setBatchInterceptor(null);
			}
		});
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Before the listener containers (Integer.MAX_VALUE - 100).
		return 0;
	}

}

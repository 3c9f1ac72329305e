package io.github.kafkaresilience.signals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Remembers why each listener container's consumers last stopped, so that a stop on
 * request can be told apart from a failure.
 *
 * @author kafka-resilience
 */
public final class ContainerStopRecorder implements ApplicationListener<KafkaEvent> {

	private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(KafkaEvent event) {
		if (event instanceof ConsumerStoppedEvent stopped) {
			MessageListenerContainer container = stopped.getContainer(MessageListenerContainer.class);
			String listenerId = container.getListenerId();
			if (listenerId != null) {
				// Keep the worst reason of a container's consumers: one NORMAL child must
				// not hide a failed one.
				this.reasons.merge(listenerId, stopped.getReason(),
						(previous, current) -> (current == Reason.NORMAL) ? previous : current);
			}
		}
	}

	/**
	 * Why the container's consumers last stopped.
	 * @param listenerId the listener id
	 * @return the reason, or {@code null} when they never stopped
	 */
	public @Nullable Reason lastReason(String listenerId) {
		return this.reasons.get(listenerId);
	}

	/**
	 * Forget a container's stop, once it runs again.
	 * @param listenerId the listener id
	 */
	void clear(String listenerId) {
		this.reasons.remove(listenerId);
	}

}

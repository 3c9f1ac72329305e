package io.github.kafkaresilience.signals;

import java.util.List;

import io.github.kafkaresilience.consumers.EffectiveSetting;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

/**
 * One of this application's listener containers for a group.
 *
 * @param listenerId the listener id
 * @param running whether the container runs
 * @param state what the container is doing
 * @param stopReason why the container last stopped, Spring Kafka's reason, or
 * {@code null}
 * @param concurrency consumers in the container
 * @param settings the startup report's effective settings, each with who chose it
 * @author kafka-resilience
 */
public record ListenerSignals(String listenerId, boolean running, ListenerState state, @Nullable Reason stopReason,
		int concurrency, List<EffectiveSetting> settings) {

	public ListenerSignals {
		settings = List.copyOf(settings);
	}

}

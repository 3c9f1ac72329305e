package io.github.kafkaresilience.signals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param settings effective consumer settings and their source, secrets masked
 * @author kafka-resilience
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ListenerSignals(String listenerId, boolean running, ListenerState state, @Nullable Reason stopReason,
		int concurrency, Map<String, String> settings) {

	public ListenerSignals {
		settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
	}

}

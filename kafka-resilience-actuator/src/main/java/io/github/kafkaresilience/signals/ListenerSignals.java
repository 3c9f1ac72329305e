package io.github.kafkaresilience.signals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One of this application's listener containers for a group.
 *
 * @param listenerId the listener id
 * @param running whether the container runs
 * @param state {@code running}, {@code paused}, {@code stopped} (on purpose) or
 * {@code failed}
 * @param stopReason why the container last stopped ({@code NORMAL}, {@code ERROR},
 * {@code FENCED}, {@code AUTH}, {@code NO_OFFSET}, {@code ABNORMAL}), or {@code null}
 * @param concurrency consumers in the container
 * @param settings effective consumer settings and their source, secrets masked
 * @author kafka-resilience
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ListenerSignals(String listenerId, boolean running, String state, @Nullable String stopReason,
		int concurrency, Map<String, String> settings) {

	public ListenerSignals {
		settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
	}

}

package io.github.kafkaresilience.evidence;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress of every listener this application runs, by listener id.
 *
 * @author kafka-resilience
 */
public final class ProgressRegistry {

	private final Map<String, ListenerProgress> listeners = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Create a registry.
	 * @param clock the clock that times listener calls
	 */
	public ProgressRegistry(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The progress of a listener, created on first use.
	 * @param listenerId the listener id
	 * @return its progress
	 */
	public ListenerProgress listener(String listenerId) {
		return this.listeners.computeIfAbsent(listenerId, (id) -> new ListenerProgress(this.clock));
	}

	/**
	 * The progress of a listener, if it has any.
	 * @param listenerId the listener id
	 * @return its progress
	 */
	public Optional<ListenerProgress> find(String listenerId) {
		return Optional.ofNullable(this.listeners.get(listenerId));
	}

}

package io.github.kafkaresilience.signals;

import java.util.Locale;

/**
 * What one of this application's listener containers is doing.
 *
 * @author kafka-resilience
 */
public enum ListenerState {

	/**
	 * Its consumers poll and deliver records.
	 */
	RUNNING,

	/**
	 * It runs, but pausing was requested: its consumers poll without fetching.
	 */
	PAUSED,

	/**
	 * It was stopped on purpose.
	 */
	STOPPED,

	/**
	 * It should run but its consumers have stopped (an error, a fenced id, refused
	 * credentials).
	 */
	FAILED;

	/**
	 * The state of a container.
	 * @param listener what was read from the container
	 * @return its state
	 */
	static ListenerState of(LocalListener listener) {
		if (listener.running()) {
			return listener.paused() ? PAUSED : RUNNING;
		}
		return listener.failed() ? FAILED : STOPPED;
	}

	/**
	 * The name shown in the endpoint and the health details.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}

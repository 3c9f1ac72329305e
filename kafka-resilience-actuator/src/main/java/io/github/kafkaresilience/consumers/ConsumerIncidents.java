package io.github.kafkaresilience.consumers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Bounded record of recent {@link ConsumerIncident consumer incidents}.
 *
 * @author kafka-resilience
 */
public final class ConsumerIncidents {

	private final int capacity;

	private final Deque<ConsumerIncident> incidents = new ArrayDeque<>();

	/**
	 * Create a record that keeps the {@code capacity} most recent incidents.
	 * @param capacity the bound, at least 1
	 */
	public ConsumerIncidents(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Add an incident, dropping the oldest when full.
	 * @param incident the incident
	 */
	public synchronized void record(ConsumerIncident incident) {
		this.incidents.addLast(incident);
		while (this.incidents.size() > this.capacity) {
			this.incidents.removeFirst();
		}
	}

	/**
	 * Recent incidents of one group, oldest first.
	 * @param groupId the group
	 * @return the incidents
	 */
	public synchronized List<ConsumerIncident> forGroup(String groupId) {
		return this.incidents.stream().filter((incident) -> Objects.equals(incident.groupId(), groupId)).toList();
	}

	/**
	 * All recent incidents, oldest first.
	 * @return the incidents
	 */
	public synchronized List<ConsumerIncident> all() {
		return List.copyOf(this.incidents);
	}

}

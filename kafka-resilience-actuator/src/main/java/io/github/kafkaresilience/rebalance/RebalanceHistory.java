package io.github.kafkaresilience.rebalance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Bounded, thread-safe history of rebalance events per consumer group.
 * <p>
 * Each group keeps its most recent events; older ones are dropped but still counted, so
 * totals stay exact however long the application runs.
 *
 * @author kafka-resilience
 */
public final class RebalanceHistory {

	private final int maxEventsPerGroup;

	private final Map<String, GroupHistory> groups = new ConcurrentHashMap<>();

	private final List<Consumer<RebalanceEvent>> subscribers = new CopyOnWriteArrayList<>();

	/**
	 * Create a history that keeps at most {@code maxEventsPerGroup} events per group.
	 * @param maxEventsPerGroup the bound, at least 1
	 */
	public RebalanceHistory(int maxEventsPerGroup) {
		if (maxEventsPerGroup < 1) {
			throw new IllegalArgumentException("maxEventsPerGroup must be at least 1, was " + maxEventsPerGroup);
		}
		this.maxEventsPerGroup = maxEventsPerGroup;
	}

	/**
	 * Add an event and notify subscribers.
	 * @param event the event
	 */
	public void record(RebalanceEvent event) {
		this.groups.computeIfAbsent(event.groupId(), (id) -> new GroupHistory()).add(event, this.maxEventsPerGroup);
		for (Consumer<RebalanceEvent> subscriber : this.subscribers) {
			subscriber.accept(event);
		}
	}

	/**
	 * Be told of every event recorded from now on; called on the consumer thread, so keep
	 * it short.
	 * @param subscriber the callback
	 */
	public void subscribe(Consumer<RebalanceEvent> subscriber) {
		this.subscribers.add(subscriber);
	}

	/**
	 * The most recent events of a group, oldest first.
	 * @param groupId the group
	 * @return a copy of the retained events, empty for an unknown group
	 */
	public List<RebalanceEvent> events(String groupId) {
		GroupHistory history = this.groups.get(groupId);
		return (history != null) ? history.snapshot() : List.of();
	}

	/**
	 * How many events of each type were ever recorded for a group, including those no
	 * longer retained.
	 * @param groupId the group
	 * @param type the event type
	 * @return the count
	 */
	public long total(String groupId, RebalanceEventType type) {
		GroupHistory history = this.groups.get(groupId);
		return (history != null) ? history.total(type) : 0;
	}

	/**
	 * The groups that have at least one recorded event.
	 * @return the group ids, sorted
	 */
	public Set<String> groupIds() {
		return new TreeSet<>(this.groups.keySet());
	}

	/**
	 * The maximum number of events retained per group.
	 * @return the bound
	 */
	public int maxEventsPerGroup() {
		return this.maxEventsPerGroup;
	}

	private static final class GroupHistory {

		private final Deque<RebalanceEvent> events = new ArrayDeque<>();

		private final long[] totals = new long[RebalanceEventType.values().length];

		synchronized void add(RebalanceEvent event, int max) {
			this.events.addLast(event);
			while (this.events.size() > max) {
				this.events.removeFirst();
			}
			this.totals[event.type().ordinal()]++;
		}

		synchronized List<RebalanceEvent> snapshot() {
			return List.copyOf(new ArrayList<>(this.events));
		}

		synchronized long total(RebalanceEventType type) {
			return this.totals[type.ordinal()];
		}

	}

}

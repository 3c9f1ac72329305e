package io.github.kafkaresilience.rebalance;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
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

	/**
	 * Completion times kept per group for rate calculations.
	 */
	public static final int MAX_REBALANCE_TIMES = 1000;

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
		record(event, (event.type() == RebalanceEventType.ASSIGNED) ? event.generation() : -1);
	}

	/**
	 * Record an event that completes an assignment of a given generation (which may be
	 * later than the one the consumer saw during its callback, see
	 * {@link RecordingRebalanceListener}).
	 * @param event the event
	 * @param completedGeneration the generation the event completes, or {@code -1}
	 */
	public void record(RebalanceEvent event, int completedGeneration) {
		this.groups.computeIfAbsent(event.groupId(), (id) -> new GroupHistory())
			.add(event, completedGeneration, this.maxEventsPerGroup);
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
	 * How many rebalances of a group this application's consumers completed: distinct
	 * group generations seen in assignments (member epochs for
	 * {@code group.protocol=consumer}, which members share once reconciled).
	 * @param groupId the group
	 * @return the count
	 */
	public long rebalances(String groupId) {
		GroupHistory history = this.groups.get(groupId);
		return (history != null) ? history.rebalances() : 0;
	}

	/**
	 * When the most recent rebalances of a group completed, oldest first.
	 * @param groupId the group
	 * @return completion times, at most {@value #MAX_REBALANCE_TIMES}
	 */
	public List<Instant> rebalanceTimes(String groupId) {
		GroupHistory history = this.groups.get(groupId);
		return (history != null) ? history.rebalanceTimes() : List.of();
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

		private final Set<Integer> recentGenerations = new LinkedHashSet<>();

		private final Deque<Instant> rebalanceTimes = new ArrayDeque<>();

		private long rebalances;

		synchronized void add(RebalanceEvent event, int completedGeneration, int max) {
			this.events.addLast(event);
			while (this.events.size() > max) {
				this.events.removeFirst();
			}
			this.totals[event.type().ordinal()]++;
			if (completedGeneration >= 0 && this.recentGenerations.add(completedGeneration)) {
				this.rebalances++;
				this.rebalanceTimes.addLast(event.time());
				while (this.rebalanceTimes.size() > MAX_REBALANCE_TIMES) {
					this.rebalanceTimes.removeFirst();
				}
				if (this.recentGenerations.size() > MAX_REBALANCE_TIMES) {
					Integer oldest = this.recentGenerations.iterator().next();
					this.recentGenerations.remove(oldest);
				}
			}
		}

		synchronized long rebalances() {
			return this.rebalances;
		}

		synchronized List<Instant> rebalanceTimes() {
			return List.copyOf(this.rebalanceTimes);
		}

		synchronized List<RebalanceEvent> snapshot() {
			return List.copyOf(new ArrayList<>(this.events));
		}

		synchronized long total(RebalanceEventType type) {
			return this.totals[type.ordinal()];
		}

	}

}

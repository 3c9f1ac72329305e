package io.github.kafkaresilience.signals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the groups of one cluster and judges each: the broker's view, this application's
 * listeners at the same moment, and each group's lag window and losses, kept across
 * refreshes.
 *
 * @author kafka-resilience
 */
final class GroupReads {

	private final LocalListenerReader locals;

	private final RebalanceHistory history;

	private final ConsumerIncidents incidents;

	private final GroupConfigChanges configChanges;

	private final SignalsSettings settings;

	private final Clock clock;

	private final Map<String, LagWindow> windows = new HashMap<>();

	private final Map<String, LagWindow> localWindows = new HashMap<>();

	private final Map<String, LossTracker> losses = new HashMap<>();

	private final GroupScans scans;

	private final Map<String, Boolean> judgedLocallyBefore = new HashMap<>();

	GroupReads(LocalListenerReader locals, RebalanceHistory history, ConsumerIncidents incidents,
			GroupConfigChanges configChanges, SignalsSettings settings, Clock clock) {
		this.locals = locals;
		this.history = history;
		this.incidents = incidents;
		this.configChanges = configChanges;
		this.settings = settings;
		this.clock = clock;
		this.scans = new GroupScans(settings);
	}

	List<GroupSignals> read(Instant now, Map<String, List<LocalListener>> byGroup, BrokerReader broker)
			throws Exception {
		Map<String, List<LocalListener>> scanned = new TreeMap<>();
		Set<String> judgedLocally = new TreeSet<>();
		byGroup.forEach((groupId, listeners) -> {
			GroupScans.Role role = this.scans.role(groupId, listeners, now);
			if (role != GroupScans.Role.FOLLOWER) {
				scanned.put(groupId, listeners);
			}
			boolean local = role != GroupScans.Role.SCANNER;
			if (local) {
				judgedLocally.add(groupId);
			}
			// A window filled in the other role holds samples of other offsets, or old
			// ones: a role starts its own afresh.
			Boolean before = this.judgedLocallyBefore.put(groupId, local);
			if (before != null && before != local) {
				(local ? this.localWindows : this.windows).remove(groupId);
			}
		});
		List<GroupSignals> groups = new ArrayList<>();
		if (!scanned.isEmpty()) {
			groups.addAll(scan(now, scanned, broker, judgedLocally));
		}
		if (!judgedLocally.isEmpty()) {
			Map<String, List<LocalListener>> current = byGroup(this.locals.read());
			Instant observed = this.clock.instant();
			for (String groupId : judgedLocally) {
				GroupObservation lastScan = this.scans.last(groupId);
				if (lastScan != null) {
					groups
						.add(evaluateLocally(observed, lastScan, current.getOrDefault(groupId, byGroup.get(groupId))));
				}
			}
		}
		return groups;
	}

	/**
	 * Scan groups whole: the broker's view, and this application's listeners read again
	 * after it. Groups judged locally only keep the scan for their next local judgements.
	 */
	private List<GroupSignals> scan(Instant now, Map<String, List<LocalListener>> byGroup, BrokerReader broker,
			Set<String> judgedLocally) throws Exception {
		Map<String, Set<String>> topics = new TreeMap<>();
		Map<String, Set<Pattern>> patterns = new TreeMap<>();
		byGroup.forEach((groupId, listeners) -> {
			topics.put(groupId, this.locals.topics(listeners));
			patterns.put(groupId, this.locals.patterns(listeners));
		});
		BrokerView view = broker.read(topics, patterns, consumerProtocolGroups(byGroup), now);

		Instant observed = this.clock.instant();
		// Read the containers again after the broker calls, so that their state and the
		// broker's view of the group belong to the same moment (a container stopping
		// during the calls shows as stopped on request). Committed offsets first, so a
		// failing record the error handler recovered no longer reads as failing.
		this.locals.committed(byGroup.values().stream().flatMap(List::stream).toList(), view.committed());
		Map<String, List<LocalListener>> current = byGroup(this.locals.read());
		List<GroupSignals> groups = new ArrayList<>();
		for (Map.Entry<String, List<LocalListener>> entry : byGroup.entrySet()) {
			String groupId = entry.getKey();
			List<LocalListener> listeners = current.getOrDefault(groupId, entry.getValue());
			GroupObservation observation = GroupObservations.of(groupId, view, listeners);
			this.scans.scanned(groupId, observation, observed);
			LossTracker tracker = this.losses.computeIfAbsent(groupId, (id) -> new LossTracker());
			tracker.observe(observed, observation.committed(), observation.startOffsets(),
					this.locals.drainJumps(entry.getValue()));
			if (!judgedLocally.contains(groupId)) {
				groups.add(evaluate(observed, observation, listeners, tracker, this.windows));
			}
		}
		return groups;
	}

	/**
	 * Judge this application's own partitions of a group from its consumers, with a lag
	 * window of their own: the offsets they report do not mix with the group's committed
	 * offsets.
	 */
	private GroupSignals evaluateLocally(Instant now, GroupObservation lastScan, List<LocalListener> listeners) {
		GroupObservation observation = LocalObservations.of(lastScan, listeners);
		LossTracker tracker = this.losses.computeIfAbsent(lastScan.groupId(), (id) -> new LossTracker());
		GroupSignals signals = evaluate(now, observation, listeners, tracker, this.localWindows);
		return signals.withView(new GroupView(GroupView.Scope.LOCAL, GroupScans.scanner(lastScan),
				this.scans.scannedAt(lastScan.groupId()), observation.partitions().size(),
				lastScan.partitions().size()));
	}

	/**
	 * Forget the windows and losses of groups no listener consumes any more.
	 * @param groupIds the groups consumed
	 */
	void retain(Set<String> groupIds) {
		this.windows.keySet().retainAll(groupIds);
		this.localWindows.keySet().retainAll(groupIds);
		this.losses.keySet().retainAll(groupIds);
		this.scans.retain(groupIds);
		this.judgedLocallyBefore.keySet().retainAll(groupIds);
	}

	private GroupSignals evaluate(Instant now, GroupObservation observation, List<LocalListener> listeners,
			LossTracker tracker, Map<String, LagWindow> windows) {
		Map<TopicPartition, Long> lag = new HashMap<>();
		observation.partitions().forEach((partition) -> lag.put(partition, observation.lag(partition)));
		LagWindow window = windows.computeIfAbsent(observation.groupId(), (id) -> new LagWindow());
		window.add(new LagWindow.Sample(now, lag, observation.committed(), observation.endOffsets()),
				this.settings.window());
		String groupId = observation.groupId();
		return GroupEvaluator.evaluate(new GroupEvaluator.Input(now, observation, window.samples(), listeners,
				this.history.events(groupId), this.history.rebalances(groupId), this.history.rebalanceTimes(groupId),
				this.incidents.forGroup(groupId), this.settings, tracker.recent(), tracker.total(),
				this.configChanges.forGroup(groupId)));
	}

	private static Set<String> consumerProtocolGroups(Map<String, List<LocalListener>> byGroup) {
		Set<String> groups = new TreeSet<>();
		byGroup.forEach((groupId, listeners) -> {
			if (LocalListener.anyOnConsumerProtocol(listeners)) {
				groups.add(groupId);
			}
		});
		return groups;
	}

	static Map<String, List<LocalListener>> byGroup(List<LocalListener> listeners) {
		Map<String, List<LocalListener>> byGroup = new TreeMap<>();
		listeners.forEach(
				(listener) -> byGroup.computeIfAbsent(listener.groupId(), (id) -> new ArrayList<>()).add(listener));
		return byGroup;
	}

}

package io.github.kafkaresilience.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.evidence.PauseRecorder;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Refreshes the {@link SignalsSnapshot} in the background, on one daemon thread: reads
 * each cluster the listeners consume from ({@link BrokerReader}, one Admin client per
 * cluster) and this application's listeners ({@link LocalListenerReader}), keeps each
 * group's lag window and losses, and has each group judged. Endpoint, health and meters
 * only read the last snapshot, so no request thread ever waits on the broker.
 *
 * @author kafka-resilience
 */
public final class ConsumerSignalsCollector implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerSignalsCollector.class);

	private final ClusterReaders readers;

	private final ListenerSettingsRegistry settingsRegistry;

	private final LocalListenerReader locals;

	private final RebalanceHistory history;

	private final ConsumerIncidents incidents;

	private final SignalsSettings settings;

	private final Clock clock;

	private final Instant createdAt;

	private final OutageSnapshots outage;

	private final GroupConfigChanges configChanges;

	private long configChangesSeen;

	private final Map<String, LagWindow> windows = new HashMap<>();

	private final Map<String, LossTracker> losses = new HashMap<>();

	private final List<Consumer<SignalsSnapshot>> subscribers = new CopyOnWriteArrayList<>();

	private volatile SignalsSnapshot snapshot = SignalsSnapshot.EMPTY;

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile long refreshes;

	private volatile long failures;

	private volatile long lastRefreshMs;

	/**
	 * Create a collector.
	 * @param adminClients creates one Admin client per cluster the listeners consume
	 * from, on first use
	 * @param containers supplies the application's listener containers, including
	 * child-less ones
	 * @param settingsRegistry effective settings per listener
	 * @param history rebalance history
	 * @param incidents membership incidents
	 * @param stops container stop reasons
	 * @param progress what the listeners' calls did
	 * @param pauses when partitions were paused
	 * @param configChanges what kafka-resilience did with the groups' broker settings
	 * @param settings thresholds and intervals
	 * @param clock the clock
	 */
	public ConsumerSignalsCollector(AdminClients adminClients,
			Supplier<? extends Collection<? extends MessageListenerContainer>> containers,
			ListenerSettingsRegistry settingsRegistry, RebalanceHistory history, ConsumerIncidents incidents,
			ContainerStopRecorder stops, ProgressRegistry progress, PauseRecorder pauses,
			GroupConfigChanges configChanges, SignalsSettings settings, Clock clock) {
		this.readers = new ClusterReaders(adminClients, settings.requestTimeout());
		this.settingsRegistry = settingsRegistry;
		this.locals = new LocalListenerReader(containers, settingsRegistry, stops, progress, pauses, clock);
		this.history = history;
		this.incidents = incidents;
		this.settings = settings;
		this.outage = new OutageSnapshots(history, incidents, settings);
		this.configChanges = configChanges;
		this.clock = clock;
		this.createdAt = clock.instant();
	}

	/**
	 * The latest snapshot; never blocks.
	 * @return the snapshot
	 */
	public SignalsSnapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * Be told of every new snapshot, on the refresher thread.
	 * @param subscriber the callback
	 */
	public void subscribe(Consumer<SignalsSnapshot> subscriber) {
		this.subscribers.add(subscriber);
	}

	/**
	 * Refreshes attempted since start.
	 * @return the count
	 */
	public long refreshes() {
		return this.refreshes;
	}

	/**
	 * Refreshes that failed since start.
	 * @return the count
	 */
	public long failures() {
		return this.failures;
	}

	/**
	 * How long the last refresh took.
	 * @return milliseconds
	 */
	public long lastRefreshMs() {
		return this.lastRefreshMs;
	}

	/**
	 * How old the broker data is: since the last successful refresh, or since this
	 * collector was created when no refresh has succeeded yet (so that a broker
	 * unreachable from the start still shows as ageing data).
	 * @return the age
	 */
	public Duration dataAge() {
		Instant refreshed = this.snapshot.refreshedAt();
		Instant now = this.clock.instant();
		return Duration.between((refreshed != null) ? refreshed : this.createdAt, now);
	}

	/**
	 * The thresholds in use.
	 * @return the settings
	 */
	public SignalsSettings settings() {
		return this.settings;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "kafka-resilience-signals");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = scheduler;
		// Fixed delay, not rate: a slow refresh never overlaps the next one.
		scheduler.scheduleWithFixedDelay(this::refreshSafely, 0, this.settings.refreshInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		this.executor = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.readers.close();
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// Start after the listener containers, stop before them.
		return Integer.MAX_VALUE - 50;
	}

	/**
	 * Refresh now, on the calling thread. Exposed for tests and for a manual refresh; the
	 * background thread calls it on its schedule.
	 */
	public synchronized void refresh() {
		Instant started = this.clock.instant();
		SignalsSnapshot next = collect(started, byGroup(this.locals.read()));
		this.refreshes++;
		this.lastRefreshMs = Duration.between(started, this.clock.instant()).toMillis();
		this.snapshot = next;
		for (Consumer<SignalsSnapshot> subscriber : this.subscribers) {
			subscriber.accept(next);
		}
	}

	private void refreshSafely() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("kafka-resilience: refreshing consumer signals failed", ex);
		}
	}

	/**
	 * Read every cluster the listeners consume from: a cluster that does not answer makes
	 * only its own groups unknown.
	 */
	private SignalsSnapshot collect(Instant now, Map<String, List<LocalListener>> byGroup) {
		if (byGroup.isEmpty()) {
			return new SignalsSnapshot(now, now, null, List.of());
		}
		long changes = this.configChanges.version();
		if (changes != this.configChangesSeen) {
			this.readers.groupSettingsChanged(byGroup.keySet());
			this.configChangesSeen = changes;
		}
		Map<ClusterConnection, Map<String, List<LocalListener>>> byCluster = byCluster(byGroup);
		this.readers.retain(byCluster.keySet());
		List<GroupSignals> groups = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		Instant refreshed = null;
		for (Map.Entry<ClusterConnection, Map<String, List<LocalListener>>> cluster : byCluster.entrySet()) {
			BrokerReader reader = this.readers.reader(cluster.getKey());
			try {
				groups.addAll(collect(now, cluster.getValue(), reader));
				refreshed = this.clock.instant();
			}
			catch (Exception ex) {
				reader.failed();
				String error = this.outage.error(ex);
				errors.add((byCluster.size() > 1) ? cluster.getKey().bootstrapServers() + ": " + error : error);
				groups.addAll(this.outage.groups(now, cluster.getValue(), error, this.snapshot));
			}
		}
		if (!errors.isEmpty()) {
			this.failures++;
		}
		this.windows.keySet().retainAll(byGroup.keySet());
		this.losses.keySet().retainAll(byGroup.keySet());
		groups.sort(Comparator.comparing(GroupSignals::groupId));
		return new SignalsSnapshot((refreshed != null) ? refreshed : this.snapshot.refreshedAt(), now,
				errors.isEmpty() ? null : String.join("; ", errors), groups);
	}

	private List<GroupSignals> collect(Instant now, Map<String, List<LocalListener>> byGroup, BrokerReader broker)
			throws Exception {
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
			LossTracker tracker = this.losses.computeIfAbsent(groupId, (id) -> new LossTracker());
			tracker.observe(observed, observation.committed(), observation.startOffsets(),
					this.locals.drainJumps(entry.getValue()));
			groups.add(evaluate(observed, observation, listeners, tracker));
		}
		return groups;
	}

	/**
	 * Groups by the cluster their listeners consume from; a group is read where its first
	 * listener with a known connection consumes.
	 */
	private Map<ClusterConnection, Map<String, List<LocalListener>>> byCluster(
			Map<String, List<LocalListener>> byGroup) {
		Map<ClusterConnection, Map<String, List<LocalListener>>> byCluster = new LinkedHashMap<>();
		byGroup.forEach((groupId, listeners) -> {
			ClusterConnection own = listeners.stream()
				.map((listener) -> this.settingsRegistry.connection(listener.listenerId()))
				.flatMap(Optional::stream)
				.findFirst()
				.orElse(ClusterConnection.DEFAULT);
			byCluster.computeIfAbsent(this.readers.resolve(own), (key) -> new TreeMap<>()).put(groupId, listeners);
		});
		return byCluster;
	}

	private GroupSignals evaluate(Instant now, GroupObservation observation, List<LocalListener> listeners,
			LossTracker tracker) {
		Map<TopicPartition, Long> lag = new HashMap<>();
		observation.partitions().forEach((partition) -> lag.put(partition, observation.lag(partition)));
		LagWindow window = this.windows.computeIfAbsent(observation.groupId(), (id) -> new LagWindow());
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
			if (listeners.stream()
				.anyMatch((listener) -> listener.settings() != null
						&& "consumer".equals(listener.settings().protocol()))) {
				groups.add(groupId);
			}
		});
		return groups;
	}

	private static Map<String, List<LocalListener>> byGroup(List<LocalListener> listeners) {
		Map<String, List<LocalListener>> byGroup = new TreeMap<>();
		listeners.forEach(
				(listener) -> byGroup.computeIfAbsent(listener.groupId(), (id) -> new ArrayList<>()).add(listener));
		return byGroup;
	}

}

package io.github.kafkaresilience.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.evidence.PauseRecorder;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
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

	private final GroupReads reads;

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
		this.reads = new GroupReads(this.locals, history, incidents, configChanges, settings, clock);
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
		scheduler.execute(this::refreshAndReschedule);
	}

	// A delay after each refresh, not a rate: a slow refresh never overlaps the next one.
	// The delay varies by up to a tenth either way so that the instances of a fleet
	// started together (a scale-up, a restart of every pod) do not query the broker in
	// lockstep; a fixed delay would keep them in phase for good.
	private void refreshAndReschedule() {
		refreshSafely();
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler == null) {
			return;
		}
		try {
			scheduler.schedule(this::refreshAndReschedule,
					jitteredDelayMs(this.settings.refreshInterval(), ThreadLocalRandom.current().nextDouble()),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping.
		}
	}

	/**
	 * The delay before the next refresh.
	 * @param interval the configured refresh interval
	 * @param random a number in [0, 1)
	 * @return between 90 % and 110 % of the interval, in milliseconds, at least 1
	 */
	static long jitteredDelayMs(Duration interval, double random) {
		return Math.max(1, Math.round(interval.toMillis() * (0.9 + 0.2 * random)));
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
		SignalsSnapshot next = collect(started, GroupReads.byGroup(this.locals.read()));
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
		Map<ClusterConnection, Map<String, List<LocalListener>>> byCluster = this.readers.byCluster(byGroup,
				this.settingsRegistry);
		this.readers.retain(byCluster.keySet());
		List<GroupSignals> groups = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		Instant refreshed = null;
		for (Map.Entry<ClusterConnection, Map<String, List<LocalListener>>> cluster : byCluster.entrySet()) {
			BrokerReader reader = this.readers.reader(cluster.getKey());
			try {
				groups.addAll(this.reads.read(now, cluster.getValue(), reader));
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
		this.reads.retain(byGroup.keySet());
		groups.sort(Comparator.comparing(GroupSignals::groupId));
		return new SignalsSnapshot((refreshed != null) ? refreshed : this.snapshot.refreshedAt(), now,
				errors.isEmpty() ? null : String.join("; ", errors), groups);
	}

}

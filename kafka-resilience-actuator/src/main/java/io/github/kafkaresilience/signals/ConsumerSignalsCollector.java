package io.github.kafkaresilience.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Refreshes the {@link SignalsSnapshot} in the background, on one daemon thread, with one
 * shared {@link Admin} client. Each refresh makes a constant number of broker requests
 * whatever the number of groups and partitions: one group description, one
 * committed-offsets lookup, one topic description and one or two offset lookups, each
 * bounded by the request timeout. Endpoint, health and meters only read the last
 * snapshot, so no request thread ever waits on the broker.
 *
 * @author kafka-resilience
 */
public final class ConsumerSignalsCollector implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerSignalsCollector.class);

	private final Supplier<Admin> adminFactory;

	private final Supplier<? extends Collection<? extends MessageListenerContainer>> containers;

	private final ListenerSettingsRegistry settingsRegistry;

	private final RebalanceHistory history;

	private final ConsumerIncidents incidents;

	private final ContainerStopRecorder stops;

	private final SignalsSettings settings;

	private final Clock clock;

	private final Instant createdAt;

	private final Map<String, LagWindow> windows = new HashMap<>();

	private final Map<String, Set<String>> clientIds = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> topicsOf = new ConcurrentHashMap<>();

	private final Map<String, Pattern> patternOf = new ConcurrentHashMap<>();

	private final List<Consumer<SignalsSnapshot>> subscribers = new CopyOnWriteArrayList<>();

	private volatile SignalsSnapshot snapshot = SignalsSnapshot.EMPTY;

	private volatile @Nullable ScheduledExecutorService executor;

	private @Nullable Admin admin;

	private static final int RECREATE_ADMIN_AFTER_FAILURES = 3;

	private volatile long refreshes;

	private int consecutiveFailures;

	private volatile long failures;

	private volatile long lastRefreshMs;

	/**
	 * Create a collector.
	 * @param adminFactory creates the one Admin client, on first use
	 * @param containers supplies the application's listener containers, including
	 * child-less ones
	 * @param settingsRegistry effective settings per listener
	 * @param history rebalance history
	 * @param incidents membership incidents
	 * @param stops container stop reasons
	 * @param settings thresholds and intervals
	 * @param clock the clock
	 */
	public ConsumerSignalsCollector(Supplier<Admin> adminFactory,
			Supplier<? extends Collection<? extends MessageListenerContainer>> containers,
			ListenerSettingsRegistry settingsRegistry, RebalanceHistory history, ConsumerIncidents incidents,
			ContainerStopRecorder stops, SignalsSettings settings, Clock clock) {
		this.adminFactory = adminFactory;
		this.containers = containers;
		this.settingsRegistry = settingsRegistry;
		this.history = history;
		this.incidents = incidents;
		this.stops = stops;
		this.settings = settings;
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
		closeAdmin();
	}

	private synchronized void closeAdmin() {
		Admin client = this.admin;
		this.admin = null;
		if (client != null) {
			client.close(Duration.ofSeconds(1));
		}
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
		List<LocalListener> local = localListeners();
		Map<String, List<LocalListener>> byGroup = new TreeMap<>();
		local.forEach(
				(listener) -> byGroup.computeIfAbsent(listener.groupId(), (id) -> new ArrayList<>()).add(listener));
		SignalsSnapshot next;
		try {
			next = collect(started, byGroup);
		}
		catch (Exception ex) {
			this.failures++;
			this.consecutiveFailures++;
			next = failed(started, byGroup, ex);
			if (this.consecutiveFailures % RECREATE_ADMIN_AFTER_FAILURES == 0) {
				// A client that keeps failing may hold stale metadata (a broker that came
				// back elsewhere, or as a
				// new cluster); a fresh one bootstraps again. The old one is closed
				// first, so nothing piles up.
				closeAdmin();
			}
		}
		if (next.error() == null) {
			this.consecutiveFailures = 0;
		}
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

	private SignalsSnapshot collect(Instant now, Map<String, List<LocalListener>> byGroup) throws Exception {
		if (byGroup.isEmpty()) {
			return new SignalsSnapshot(now, now, null, List.of());
		}
		Admin client = admin();
		long timeout = this.settings.requestTimeout().toMillis();
		Set<String> groupIds = byGroup.keySet();

		// Kafka 4 answers "not found" for a group that has not formed yet: no members,
		// not an outage.
		Map<String, ConsumerGroupDescription> descriptions = present(
				client.describeConsumerGroups(groupIds, new DescribeConsumerGroupsOptions().timeoutMs((int) timeout))
					.describedGroups());
		Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
		groupIds.forEach((groupId) -> specs.put(groupId, new ListConsumerGroupOffsetsSpec()));
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = get(
				client.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs((int) timeout))
					.all());

		Map<String, Set<String>> topicsByGroup = new TreeMap<>();
		Set<Pattern> patterns = new HashSet<>();
		for (Map.Entry<String, List<LocalListener>> entry : byGroup.entrySet()) {
			Set<String> topics = new TreeSet<>();
			for (LocalListener listener : entry.getValue()) {
				topics.addAll(this.topicsOf.getOrDefault(listener.listenerId(), Set.of()));
			}
			committed.getOrDefault(entry.getKey(), Map.of()).keySet().forEach((tp) -> topics.add(tp.topic()));
			ConsumerGroupDescription description = descriptions.get(entry.getKey());
			if (description != null) {
				description.members()
					.forEach((member) -> member.assignment().topicPartitions().forEach((tp) -> topics.add(tp.topic())));
			}
			topicsByGroup.put(entry.getKey(), topics);
			entry.getValue().forEach((listener) -> {
				Pattern pattern = this.patternOf.get(listener.listenerId());
				if (pattern != null) {
					patterns.add(pattern);
				}
			});
		}
		if (!patterns.isEmpty()) {
			Set<String> names = get(client.listTopics(new ListTopicsOptions().timeoutMs((int) timeout)).names());
			for (Map.Entry<String, List<LocalListener>> entry : byGroup.entrySet()) {
				for (LocalListener listener : entry.getValue()) {
					Pattern pattern = this.patternOf.get(listener.listenerId());
					if (pattern != null) {
						names.stream()
							.filter((name) -> pattern.matcher(name).matches())
							.forEach(topicsByGroup.get(entry.getKey())::add);
					}
				}
			}
		}

		Set<String> allTopics = new TreeSet<>();
		topicsByGroup.values().forEach(allTopics::addAll);
		// A topic deleted (or not created yet) must not hide the other groups: it simply
		// has no partitions.
		Map<String, TopicDescription> topics = allTopics.isEmpty() ? Map.of()
				: present(client.describeTopics(allTopics, new DescribeTopicsOptions().timeoutMs((int) timeout))
					.topicNameValues());
		Set<TopicPartition> allPartitions = new HashSet<>();
		topics.values()
			.forEach((topic) -> topic.partitions()
				.forEach((info) -> allPartitions.add(new TopicPartition(topic.name(), info.partition()))));
		Map<TopicPartition, Long> endOffsets = offsets(client, allPartitions, OffsetSpec.latest(), timeout);
		Set<TopicPartition> uncommitted = new HashSet<>();
		for (Map.Entry<String, Set<String>> entry : topicsByGroup.entrySet()) {
			Map<TopicPartition, OffsetAndMetadata> groupCommitted = committed.getOrDefault(entry.getKey(), Map.of());
			allPartitions.stream()
				.filter((tp) -> entry.getValue().contains(tp.topic()))
				.filter((tp) -> groupCommitted.get(tp) == null)
				.forEach(uncommitted::add);
		}
		Map<TopicPartition, Long> startOffsets = offsets(client, uncommitted, OffsetSpec.earliest(), timeout);

		Instant observed = this.clock.instant();
		// Read the containers again after the broker calls, so that their state and the
		// broker's view of the
		// group belong to the same moment (a container stopping during the calls shows as
		// stopped on request).
		Map<String, List<LocalListener>> current = new HashMap<>();
		localListeners().forEach(
				(listener) -> current.computeIfAbsent(listener.groupId(), (id) -> new ArrayList<>()).add(listener));
		List<GroupSignals> groups = new ArrayList<>();
		for (Map.Entry<String, List<LocalListener>> entry : byGroup.entrySet()) {
			String groupId = entry.getKey();
			Set<String> groupTopics = topicsByGroup.get(groupId);
			Set<TopicPartition> partitions = new HashSet<>();
			allPartitions.stream().filter((tp) -> groupTopics.contains(tp.topic())).forEach(partitions::add);
			Map<TopicPartition, Long> groupCommitted = new HashMap<>();
			committed.getOrDefault(groupId, Map.of()).forEach((tp, offset) -> {
				if (offset != null && partitions.contains(tp)) {
					groupCommitted.put(tp, offset.offset());
				}
			});
			GroupObservation observation = observation(groupId, descriptions.get(groupId), partitions, groupCommitted,
					endOffsets, startOffsets);
			groups.add(evaluate(observed, observation, current.getOrDefault(groupId, entry.getValue())));
		}
		this.windows.keySet().retainAll(byGroup.keySet());
		return new SignalsSnapshot(observed, now, null, groups);
	}

	private GroupSignals evaluate(Instant now, GroupObservation observation, List<LocalListener> listeners) {
		Map<TopicPartition, Long> lag = new HashMap<>();
		for (TopicPartition partition : observation.partitions()) {
			long end = observation.endOffsets().getOrDefault(partition, 0L);
			Long committed = observation.committed().get(partition);
			long from = (committed != null) ? committed : observation.startOffsets().getOrDefault(partition, 0L);
			lag.put(partition, Math.max(0, end - from));
		}
		LagWindow window = this.windows.computeIfAbsent(observation.groupId(), (id) -> new LagWindow());
		window.add(new LagWindow.Sample(now, lag, observation.committed()), this.settings.window());
		String groupId = observation.groupId();
		return GroupEvaluator.evaluate(new GroupEvaluator.Input(now, observation, window.samples(), listeners,
				this.history.events(groupId), this.history.rebalances(groupId), this.history.rebalanceTimes(groupId),
				this.incidents.forGroup(groupId), this.settings));
	}

	private SignalsSnapshot failed(Instant now, Map<String, List<LocalListener>> byGroup, Exception ex) {
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		String error = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		if (ex instanceof TimeoutException) {
			error = "broker did not answer within " + this.settings.requestTimeout().toMillis() + " ms";
		}
		logger.debug("kafka-resilience: consumer signals refresh failed: {}", error);
		SignalsSnapshot previous = this.snapshot;
		String since = (previous.refreshedAt() != null) ? " Showing data from " + previous.refreshedAt() + "."
				: " No broker data yet.";
		List<GroupSignals> groups = new ArrayList<>();
		for (Map.Entry<String, List<LocalListener>> entry : byGroup.entrySet()) {
			String groupId = entry.getKey();
			// What the application knows about itself stays current; what only the broker
			// knows stays as last seen.
			GroupObservation unknown = new GroupObservation(groupId, "Unknown", protocol(entry.getValue()), List.of(),
					Set.of(), Map.of(), Map.of(), Map.of());
			GroupSignals local = GroupEvaluator.evaluate(new GroupEvaluator.Input(now, unknown, List.of(),
					entry.getValue(), this.history.events(groupId), this.history.rebalances(groupId),
					this.history.rebalanceTimes(groupId), this.incidents.forGroup(groupId), this.settings));
			GroupSignals last = previous.group(groupId).orElse(local);
			boolean failed = entry.getValue().stream().anyMatch(LocalListener::failed);
			Verdict status = failed ? Verdict.STOPPED : Verdict.UNKNOWN;
			String diagnosis = "Broker unreachable (" + error + "): the verdict is unknown." + since;
			if (failed) {
				diagnosis = local.diagnosis() + " The broker is unreachable too (" + error + ").";
			}
			groups.add(new GroupSignals(groupId, status, status, diagnosis, last.protocol(), last.lag(),
					local.rebalances(), local.poll(), last.membership(), local.findings(), local.listeners()));
		}
		return new SignalsSnapshot(previous.refreshedAt(), now, error, groups);
	}

	private static String protocol(List<LocalListener> listeners) {
		return listeners.stream()
			.map(LocalListener::settings)
			.filter((settings) -> settings != null)
			.map(ListenerSettings::protocol)
			.findFirst()
			.orElse("classic");
	}

	private static GroupObservation observation(String groupId, @Nullable ConsumerGroupDescription description,
			Set<TopicPartition> partitions, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> endOffsets,
			Map<TopicPartition, Long> startOffsets) {
		List<GroupObservation.Member> members = new ArrayList<>();
		String state = "Unknown";
		String protocol = "classic";
		if (description != null) {
			state = description.groupState().toString();
			protocol = (description.type() == GroupType.CONSUMER) ? "consumer" : "classic";
			for (MemberDescription member : description.members()) {
				members.add(new GroupObservation.Member(member.clientId(), member.groupInstanceId().orElse(null),
						member.host(), member.assignment().topicPartitions()));
			}
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		Map<TopicPartition, Long> starts = new HashMap<>();
		for (TopicPartition partition : partitions) {
			ends.put(partition, endOffsets.getOrDefault(partition, 0L));
			if (!committed.containsKey(partition)) {
				starts.put(partition, startOffsets.getOrDefault(partition, 0L));
			}
		}
		return new GroupObservation(groupId, state, protocol, members, partitions, committed, ends, starts);
	}

	private static Map<TopicPartition, Long> offsets(Admin client, Set<TopicPartition> partitions, OffsetSpec spec,
			long timeout) throws Exception {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		ListOffsetsResult result = client.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) timeout));
		Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures = new HashMap<>();
		partitions.forEach((partition) -> futures.put(partition, result.partitionResult(partition)));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		present(futures, timeout).forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	private <K, V> Map<K, V> present(Map<K, KafkaFuture<V>> futures) throws Exception {
		return present(futures, this.settings.requestTimeout().toMillis());
	}

	/**
	 * The results of one batched request, leaving out entries the broker says do not
	 * exist (or have no leader right now); any other failure fails the refresh.
	 */
	private static <K, V> Map<K, V> present(Map<K, KafkaFuture<V>> futures, long timeout) throws Exception {
		Map<K, V> results = new HashMap<>();
		for (Map.Entry<K, KafkaFuture<V>> entry : futures.entrySet()) {
			try {
				results.put(entry.getKey(), get(entry.getValue(), timeout));
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (!(cause instanceof GroupIdNotFoundException || cause instanceof UnknownTopicOrPartitionException
						|| cause instanceof LeaderNotAvailableException
						|| cause instanceof NotLeaderOrFollowerException)) {
					throw ex;
				}
			}
		}
		return results;
	}

	private <T> T get(KafkaFuture<T> future) throws Exception {
		return get(future, this.settings.requestTimeout().toMillis());
	}

	private static <T> T get(KafkaFuture<T> future, long timeout) throws Exception {
		// A little slack over the request's own timeout, so the client's error wins over
		// ours.
		return future.get(timeout + 500, TimeUnit.MILLISECONDS);
	}

	private Admin admin() {
		Admin client = this.admin;
		if (client == null) {
			client = this.adminFactory.get();
			this.admin = client;
		}
		return client;
	}

	private List<LocalListener> localListeners() {
		List<LocalListener> listeners = new ArrayList<>();
		for (MessageListenerContainer container : this.containers.get()) {
			String listenerId = container.getListenerId();
			String groupId = groupId(container);
			if (listenerId == null || groupId == null) {
				continue;
			}
			ContainerProperties properties = container.getContainerProperties();
			String[] topics = properties.getTopics();
			if (topics != null) {
				this.topicsOf.put(listenerId, Set.of(topics));
			}
			if (properties.getTopicPattern() != null) {
				this.patternOf.put(listenerId, properties.getTopicPattern());
			}
			boolean running = container.isRunning() && container.isChildRunning();
			if (running) {
				this.stops.clear(listenerId);
			}
			Map<String, Map<MetricName, ? extends Metric>> metrics = running ? metrics(container) : Map.of();
			if (!metrics.isEmpty()) {
				this.clientIds.put(listenerId, Set.copyOf(metrics.keySet()));
			}
			ListenerSettings settings = this.settingsRegistry.get(listenerId).orElse(null);
			String instanceIdBase = (settings != null) ? settings.value("group.instance.id").orElse(null) : null;
			int concurrency = (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent)
					? concurrent.getConcurrency() : 1;
			listeners.add(new LocalListener(listenerId, groupId, running, container.isInExpectedState(),
					container.isPauseRequested(), this.stops.lastReason(listenerId), concurrency,
					this.clientIds.getOrDefault(listenerId, Set.of()), instanceIdBase,
					worst(metrics, "consumer-metrics", "time-between-poll-avg"),
					worst(metrics, "consumer-metrics", "time-between-poll-max"),
					worst(metrics, "consumer-metrics", "last-poll-seconds-ago"),
					worst(metrics, "consumer-coordinator-metrics", "rebalance-latency-max"), settings));
		}
		return listeners;
	}

	private static @Nullable String groupId(MessageListenerContainer container) {
		try {
			return container.getGroupId();
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
	}

	private static Map<String, Map<MetricName, ? extends Metric>> metrics(MessageListenerContainer container) {
		try {
			return container.metrics();
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

	private static @Nullable Double worst(Map<String, Map<MetricName, ? extends Metric>> metrics, String group,
			String name) {
		Double worst = null;
		for (Map<MetricName, ? extends Metric> clientMetrics : metrics.values()) {
			for (Map.Entry<MetricName, ? extends Metric> entry : clientMetrics.entrySet()) {
				if (entry.getKey().name().equals(name) && entry.getKey().group().equals(group)
						&& entry.getValue().metricValue() instanceof Double value && !value.isNaN()
						&& !value.isInfinite()) {
					worst = (worst == null) ? value : Math.max(worst, value);
				}
			}
		}
		return worst;
	}

}

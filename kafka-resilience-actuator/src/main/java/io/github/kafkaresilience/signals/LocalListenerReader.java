package io.github.kafkaresilience.signals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.evidence.ListenerProgress;
import io.github.kafkaresilience.evidence.OffsetJump;
import io.github.kafkaresilience.evidence.PartitionEvidence;
import io.github.kafkaresilience.evidence.PauseRecorder;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Reads this application's listener containers: their state, their consumers' client
 * metrics, and the progress and pauses kafka-resilience records inside them.
 *
 * @author kafka-resilience
 */
final class LocalListenerReader {

	private static final String READ_COMMITTED = "read_committed";

	private final Supplier<? extends Collection<? extends MessageListenerContainer>> containers;

	private final ListenerSettingsRegistry settingsRegistry;

	private final ContainerStopRecorder stops;

	private final ProgressRegistry progress;

	private final PauseRecorder pauses;

	private final Clock clock;

	private final Map<String, Set<String>> clientIds = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> topicsOf = new ConcurrentHashMap<>();

	private final Map<String, Pattern> patternOf = new ConcurrentHashMap<>();

	// A pause made before kafka-resilience listened for events is dated when first seen.
	private final Map<String, Map<TopicPartition, Long>> pausesFirstSeen = new ConcurrentHashMap<>();

	LocalListenerReader(Supplier<? extends Collection<? extends MessageListenerContainer>> containers,
			ListenerSettingsRegistry settingsRegistry, ContainerStopRecorder stops, ProgressRegistry progress,
			PauseRecorder pauses, Clock clock) {
		this.containers = containers;
		this.settingsRegistry = settingsRegistry;
		this.stops = stops;
		this.progress = progress;
		this.pauses = pauses;
		this.clock = clock;
	}

	List<LocalListener> read() {
		List<LocalListener> listeners = new ArrayList<>();
		for (MessageListenerContainer container : this.containers.get()) {
			String listenerId = container.getListenerId();
			String groupId = groupId(container);
			if (listenerId != null && groupId != null) {
				listeners.add(read(container, listenerId, groupId));
			}
		}
		return listeners;
	}

	/**
	 * The topics the listeners name, as last read from their containers.
	 */
	Set<String> topics(List<LocalListener> listeners) {
		Set<String> topics = new HashSet<>();
		listeners.forEach((listener) -> topics.addAll(this.topicsOf.getOrDefault(listener.listenerId(), Set.of())));
		return topics;
	}

	/**
	 * The topic patterns the listeners subscribe to.
	 */
	Set<Pattern> patterns(List<LocalListener> listeners) {
		Set<Pattern> patterns = new HashSet<>();
		listeners.forEach((listener) -> {
			Pattern pattern = this.patternOf.get(listener.listenerId());
			if (pattern != null) {
				patterns.add(pattern);
			}
		});
		return patterns;
	}

	/**
	 * Tell the listeners' progress what each group committed.
	 * @param listeners the listeners
	 * @param committed committed offsets per group
	 */
	void committed(List<LocalListener> listeners, Map<String, Map<TopicPartition, Long>> committed) {
		for (LocalListener listener : listeners) {
			this.progress.find(listener.listenerId())
				.ifPresent((progress) -> progress.committed(committed.getOrDefault(listener.groupId(), Map.of())));
		}
	}

	/**
	 * Offset jumps of a group's listeners since the last call.
	 * @param listeners the group's listeners
	 * @return the jumps per partition
	 */
	Map<TopicPartition, List<OffsetJump>> drainJumps(List<LocalListener> listeners) {
		Map<TopicPartition, List<OffsetJump>> jumps = new HashMap<>();
		for (LocalListener listener : listeners) {
			this.progress.find(listener.listenerId())
				.ifPresent((progress) -> progress.drainJumps()
					.forEach((partition, drained) -> jumps.computeIfAbsent(partition, (tp) -> new ArrayList<>())
						.addAll(drained)));
		}
		return jumps;
	}

	private LocalListener read(MessageListenerContainer container, String listenerId, String groupId) {
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
		String instanceIdBase = (settings != null)
				? settings.value(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG).orElse(null) : null;
		int concurrency = (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent)
				? concurrent.getConcurrency() : 1;
		boolean readCommitted = settings != null
				&& settings.value(ConsumerConfig.ISOLATION_LEVEL_CONFIG).map(READ_COMMITTED::equals).orElse(false);
		Optional<ListenerProgress> recorded = this.progress.find(listenerId);
		Map<TopicPartition, PartitionEvidence> progress = recorded.map(ListenerProgress::snapshot).orElse(Map.of());
		ListenerEvidence evidence = new ListenerEvidence(progress, running ? paused(container, listenerId) : Map.of(),
				partitionMetric(metrics, "records-lag"), readCommitted, recorded.isPresent(),
				running ? assignments(container) : Map.of(), partitionMetric(metrics, "records-lead"));
		return new LocalListener(listenerId, groupId, running, container.isInExpectedState(),
				container.isPauseRequested(), this.stops.lastReason(listenerId), concurrency,
				this.clientIds.getOrDefault(listenerId, Set.of()), instanceIdBase,
				worst(metrics, "consumer-metrics", "time-between-poll-avg"),
				worst(metrics, "consumer-metrics", "time-between-poll-max"),
				worst(metrics, "consumer-metrics", "last-poll-seconds-ago"),
				worst(metrics, "consumer-coordinator-metrics", "rebalance-latency-max"), settings, evidence);
	}

	private static Map<String, Set<TopicPartition>> assignments(MessageListenerContainer container) {
		Map<String, Set<TopicPartition>> assignments = new HashMap<>();
		try {
			container.getAssignmentsByClientId()
				.forEach((clientId, partitions) -> assignments.put(clientId, Set.copyOf(partitions)));
		}
		catch (UnsupportedOperationException ex) {
			// A container type that does not say: its members are the broker's to tell.
		}
		return assignments;
	}

	private Map<TopicPartition, Long> paused(MessageListenerContainer container, String listenerId) {
		Map<TopicPartition, Long> firstSeen = this.pausesFirstSeen.computeIfAbsent(listenerId,
				(id) -> new ConcurrentHashMap<>());
		Map<TopicPartition, Long> paused = new HashMap<>();
		Collection<TopicPartition> assigned = assigned(container);
		boolean all = container.isPauseRequested();
		long now = this.clock.millis();
		for (TopicPartition partition : assigned) {
			if (all || pauseRequested(container, partition)) {
				Long since = this.pauses.since(listenerId, partition);
				long seen = firstSeen.computeIfAbsent(partition, (tp) -> now);
				paused.put(partition, (since != null) ? Math.min(since, seen) : seen);
			}
		}
		firstSeen.keySet().retainAll(paused.keySet());
		return paused;
	}

	private static Collection<TopicPartition> assigned(MessageListenerContainer container) {
		try {
			Collection<TopicPartition> assigned = container.getAssignedPartitions();
			return (assigned != null) ? assigned : List.of();
		}
		catch (UnsupportedOperationException ex) {
			return List.of();
		}
	}

	/**
	 * Paused on request or actually paused. A concurrent container hands
	 * {@code pausePartition} to its child containers and does not answer
	 * {@code isPartitionPauseRequested} for them, so the children are asked; a partition
	 * Spring Kafka paused itself (a back-off) shows in {@code isPartitionPaused}.
	 */
	private static boolean pauseRequested(MessageListenerContainer container, TopicPartition partition) {
		try {
			if (container.isPartitionPauseRequested(partition) || container.isPartitionPaused(partition)) {
				return true;
			}
			if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
				return concurrent.getContainers()
					.stream()
					.anyMatch((child) -> child.isPartitionPauseRequested(partition));
			}
			return false;
		}
		catch (UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * A per-partition fetch metric of the listener's consumers: the largest when two
	 * consumers report one partition (a hand-over in progress).
	 */
	private static Map<TopicPartition, Long> partitionMetric(Map<String, Map<MetricName, ? extends Metric>> metrics,
			String metricName) {
		Map<TopicPartition, Long> values = new HashMap<>();
		for (Map<MetricName, ? extends Metric> clientMetrics : metrics.values()) {
			clientMetrics.forEach((name, metric) -> {
				String topic = name.tags().get("topic");
				String partition = name.tags().get("partition");
				if (metricName.equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
						&& topic != null && partition != null && metric.metricValue() instanceof Double value
						&& !value.isNaN() && !value.isInfinite()) {
					values.merge(new TopicPartition(topic, Integer.parseInt(partition)), Math.round(value), Math::max);
				}
			});
		}
		return values;
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

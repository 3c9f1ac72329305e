package io.github.kafkaresilience.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.ListenerState;
import io.github.kafkaresilience.signals.LossSignals;
import io.github.kafkaresilience.signals.PartitionSignals;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import static io.github.kafkaresilience.metrics.KafkaResilienceMetricNames.GROUP;

/**
 * Binds the signals of every consumer group to a {@link MeterRegistry}. Gauges read the
 * latest snapshot, so a scrape never waits on the broker. Kafka client metrics are not
 * repeated here: Spring Boot already binds them as {@code kafka.consumer.*}.
 *
 * @author kafka-resilience
 */
public final class KafkaConsumersMeterBinder implements MeterBinder {

	private static final LossSignals NO_LOSSES = new LossSignals(0, 0);

	private final ConsumerSignalsCollector collector;

	private final RebalanceHistory history;

	private final boolean perPartition;

	private final Set<String> boundGroups = ConcurrentHashMap.newKeySet();

	private final Set<String> boundPartitions = ConcurrentHashMap.newKeySet();

	private volatile Map<String, Long> partitionLag = Map.of();

	// Counters must never go down, also while a group is missing from a failed refresh.
	private final Map<String, LossSignals> lastLosses = new ConcurrentHashMap<>();

	/**
	 * Create a binder.
	 * @param collector the snapshot source
	 * @param history the rebalance history
	 * @param perPartition whether to register a lag gauge per partition (cardinality
	 * grows with partitions)
	 */
	public KafkaConsumersMeterBinder(ConsumerSignalsCollector collector, RebalanceHistory history,
			boolean perPartition) {
		this.collector = collector;
		this.history = history;
		this.perPartition = perPartition;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(KafkaResilienceMetricNames.SIGNALS_AGE, this, KafkaConsumersMeterBinder::ageSeconds)
			.description("Seconds since consumer signals were last refreshed from the broker")
			.baseUnit("seconds")
			.register(registry);
		FunctionCounter
			.builder(KafkaResilienceMetricNames.SIGNALS_REFRESH_FAILURES, this.collector,
					ConsumerSignalsCollector::failures)
			.description("Consumer signal refreshes that failed")
			.register(registry);
		this.history.subscribe((event) -> recordRebalance(registry, event));
		this.collector.subscribe((snapshot) -> bindNewGroups(registry, snapshot));
		bindNewGroups(registry, this.collector.snapshot());
	}

	private void recordRebalance(MeterRegistry registry, RebalanceEvent event) {
		if (event.type() == RebalanceEventType.ASSIGNED && event.pauseMs() >= 0) {
			Timer.builder(KafkaResilienceMetricNames.GROUP_REBALANCE_DURATION)
				.description("How long a rebalance stopped a consumer, from revocation to the next assignment")
				.tag(GROUP, event.groupId())
				.register(registry)
				.record(Duration.ofMillis(event.pauseMs()));
		}
	}

	private void bindNewGroups(MeterRegistry registry, SignalsSnapshot snapshot) {
		Map<String, Long> lagByPartition = new HashMap<>();
		for (GroupSignals group : snapshot.groups()) {
			String groupId = group.groupId();
			this.lastLosses.put(groupId, group.losses());
			if (this.boundGroups.add(groupId)) {
				bindGroup(registry, groupId);
			}
			if (this.perPartition) {
				for (PartitionSignals partition : group.lag().partitions()) {
					String key = partitionKey(groupId, partition.topic(), partition.partition());
					lagByPartition.put(key, partition.lag());
					if (this.boundPartitions.add(key)) {
						bindPartition(registry, key, groupId, partition.topic(), partition.partition());
					}
				}
			}
		}
		// One lookup per gauge at scrape time, rather than a search of the snapshot per
		// partition.
		this.partitionLag = lagByPartition;
	}

	private static String partitionKey(String groupId, String topic, int partition) {
		return groupId + '\u0000' + topic + '\u0000' + partition;
	}

	private void bindGroup(MeterRegistry registry, String groupId) {
		Tags tags = Tags.of(GROUP, groupId);
		gauge(registry, KafkaResilienceMetricNames.GROUP_LAG,
				"Committed-offset lag of the group, unowned " + "partitions included", tags, groupId,
				(group) -> group.lag().total());
		gauge(registry, KafkaResilienceMetricNames.GROUP_LAG_RATE,
				"Change of lag across the window in records per second; positive means falling behind", tags, groupId,
				(group) -> group.lag().ratePerSecond());
		gauge(registry, KafkaResilienceMetricNames.GROUP_POLL_INTERVAL_USED,
				"Longest time between polls, or time since the last poll, divided by max.poll.interval.ms", tags,
				groupId, (group) -> group.poll().maxPollIntervalUsedRatio());
		gauge(registry, KafkaResilienceMetricNames.GROUP_MEMBERS, "Members of the group", tags, groupId,
				(group) -> group.membership().members());
		gauge(registry, KafkaResilienceMetricNames.GROUP_MEMBERS_IDLE, "Members without a partition", tags, groupId,
				(group) -> group.membership().idleMembers());
		gauge(registry, KafkaResilienceMetricNames.GROUP_PARTITIONS, "Partitions of the group's topics", tags, groupId,
				(group) -> group.membership().partitions());
		gauge(registry, KafkaResilienceMetricNames.GROUP_PARTITIONS_UNASSIGNED, "Partitions without a live owner", tags,
				groupId, (group) -> group.membership().unassignedPartitions());
		for (Verdict verdict : Verdict.values()) {
			gauge(registry, KafkaResilienceMetricNames.GROUP_STATUS, "1 for the group's current verdict, 0 otherwise",
					tags.and(KafkaResilienceMetricNames.STATUS, verdict.name()), groupId,
					(group) -> (group.status() == verdict) ? 1 : 0);
		}
		for (Severity severity : Severity.values()) {
			gauge(registry, KafkaResilienceMetricNames.GROUP_FINDINGS, "Findings of the group by severity",
					tags.and(KafkaResilienceMetricNames.SEVERITY, severity.name()), groupId,
					(group) -> group.findings().stream().filter((finding) -> finding.severity() == severity).count());
		}
		gauge(registry, KafkaResilienceMetricNames.GROUP_LISTENERS_FAILED,
				"Listener containers of this application in the group that stopped by themselves", tags, groupId,
				(group) -> group.listeners()
					.stream()
					.filter((listener) -> listener.state() == ListenerState.FAILED)
					.count());
		for (Verdict verdict : Verdict.values()) {
			gauge(registry, KafkaResilienceMetricNames.GROUP_LOCAL_STATUS,
					"1 for the verdict of this application's own consumers, 0 otherwise",
					tags.and(KafkaResilienceMetricNames.STATUS, verdict.name()), groupId,
					(group) -> (group.localStatus() == verdict) ? 1 : 0);
		}
		gauge(registry, KafkaResilienceMetricNames.GROUP_TIME_BEHIND,
				"How far behind in time the group's most delayed partition is", tags, groupId,
				(group) -> (group.capacity().timeBehindMs() != null) ? group.capacity().timeBehindMs() / 1000.0
						: Double.NaN,
				"seconds");
		gauge(registry, KafkaResilienceMetricNames.GROUP_CONSUMERS_NEEDED,
				"Consumers the group needs to keep up at the measured rates, at most its partitions", tags, groupId,
				(group) -> (group.capacity().consumersNeeded() != null) ? group.capacity().consumersNeeded()
						: Double.NaN);
		FunctionCounter
			.builder(KafkaResilienceMetricNames.GROUP_RECORDS_LOST, this,
					(binder) -> binder.losses(groupId).recordsLost())
			.description("Records deleted before the group read them")
			.tags(tags)
			.register(registry);
		FunctionCounter
			.builder(KafkaResilienceMetricNames.GROUP_RECORDS_GIVEN_UP, this,
					(binder) -> binder.losses(groupId).recordsGivenUp())
			.description("Records the listeners failed on and left behind: skipped or dead-lettered")
			.tags(tags)
			.register(registry);
		FunctionCounter
			.builder(KafkaResilienceMetricNames.GROUP_REBALANCES, this.history,
					(history) -> history.rebalances(groupId))
			.description("Rebalances this application's consumers of the group completed")
			.tags(tags)
			.register(registry);
	}

	private void bindPartition(MeterRegistry registry, String key, String groupId, String topic, int partition) {
		Tags tags = Tags.of(GROUP, groupId, KafkaResilienceMetricNames.TOPIC, topic,
				KafkaResilienceMetricNames.PARTITION, Integer.toString(partition));
		Gauge.builder(KafkaResilienceMetricNames.PARTITION_LAG, this, (binder) -> {
			Long lag = binder.partitionLag.get(key);
			return (lag != null) ? lag : Double.NaN;
		}).description("Committed-offset lag of one partition").tags(tags).register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String description, Tags tags, String groupId,
			ToDoubleFunction<GroupSignals> value) {
		gauge(registry, name, description, tags, groupId, value, null);
	}

	private void gauge(MeterRegistry registry, String name, String description, Tags tags, String groupId,
			ToDoubleFunction<GroupSignals> value, @Nullable String baseUnit) {
		Gauge
			.builder(name, this,
					(binder) -> binder.collector.snapshot().group(groupId).map(value::applyAsDouble).orElse(Double.NaN))
			.description(description)
			.tags(tags)
			.baseUnit(baseUnit)
			.register(registry);
	}

	private LossSignals losses(String groupId) {
		return this.lastLosses.getOrDefault(groupId, NO_LOSSES);
	}

	private double ageSeconds() {
		return this.collector.dataAge().toMillis() / 1000.0;
	}

}

package io.github.kafkaresilience.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
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
		// Each registry gets its own gauges and its own record of bound counters, so
		// that binding to a second registry registers everything there too.
		RegistryBinding binding = new RegistryBinding(registry);
		this.collector.subscribe(binding::update);
		binding.update(this.collector.snapshot());
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

	private double groupValue(String groupId, ToDoubleFunction<GroupSignals> value) {
		return this.collector.snapshot().group(groupId).map(value::applyAsDouble).orElse(Double.NaN);
	}

	private double partitionLag(String key) {
		Long lag = this.partitionLag.get(key);
		return (lag != null) ? lag : Double.NaN;
	}

	private static String partitionKey(String groupId, String topic, int partition) {
		return groupId + '\u0000' + topic + '\u0000' + partition;
	}

	/**
	 * A per-group gauge: one row of a {@link MultiGauge} per group of the snapshot, with
	 * an extra tag where one name has several rows per group. Rows follow every snapshot,
	 * so a group or partition that is gone loses its gauge. A group-wide gauge has no row
	 * while this instance's view of the group is local: the instance that scans the group
	 * publishes it, so that {@code max by (group)} reads the whole group.
	 */
	private record GroupGauge(MultiGauge gauge, @Nullable Tag tag, ToDoubleFunction<GroupSignals> value,
			boolean groupWide) {

	}

	private final class RegistryBinding {

		private final MeterRegistry registry;

		private final List<GroupGauge> gauges = new ArrayList<>();

		private final @Nullable MultiGauge partitionLagGauge;

		private final Set<String> countedGroups = ConcurrentHashMap.newKeySet();

		RegistryBinding(MeterRegistry registry) {
			this.registry = registry;
			gauge(KafkaResilienceMetricNames.GROUP_LAG,
					"Committed-offset lag of the group, unowned partitions included", true,
					(group) -> group.lag().total());
			gauge(KafkaResilienceMetricNames.GROUP_LAG_RATE,
					"Change of lag across the window in records per second; positive means falling behind", true,
					(group) -> group.lag().ratePerSecond());
			gauge(KafkaResilienceMetricNames.GROUP_POLL_INTERVAL_USED,
					"Longest time between polls, or time since the last poll, divided by max.poll.interval.ms", false,
					(group) -> group.poll().maxPollIntervalUsedRatio());
			gauge(KafkaResilienceMetricNames.GROUP_MEMBERS, "Members of the group", true,
					(group) -> group.membership().members());
			gauge(KafkaResilienceMetricNames.GROUP_MEMBERS_IDLE, "Members without a partition", true,
					(group) -> group.membership().idleMembers());
			gauge(KafkaResilienceMetricNames.GROUP_PARTITIONS, "Partitions of the group's topics", true,
					(group) -> group.membership().partitions());
			gauge(KafkaResilienceMetricNames.GROUP_PARTITIONS_UNASSIGNED, "Partitions without a live owner", true,
					(group) -> group.membership().unassignedPartitions());
			MultiGauge status = multiGauge(KafkaResilienceMetricNames.GROUP_STATUS,
					"1 for the group's current verdict, 0 otherwise", null);
			MultiGauge localStatus = multiGauge(KafkaResilienceMetricNames.GROUP_LOCAL_STATUS,
					"1 for the verdict of this application's own consumers, 0 otherwise", null);
			for (Verdict verdict : Verdict.values()) {
				Tag tag = Tag.of(KafkaResilienceMetricNames.STATUS, verdict.name());
				this.gauges.add(new GroupGauge(status, tag, (group) -> (group.status() == verdict) ? 1 : 0, true));
				this.gauges
					.add(new GroupGauge(localStatus, tag, (group) -> (group.localStatus() == verdict) ? 1 : 0, false));
			}
			MultiGauge findings = multiGauge(KafkaResilienceMetricNames.GROUP_FINDINGS,
					"Findings of the group by severity", null);
			for (Severity severity : Severity.values()) {
				this.gauges.add(new GroupGauge(findings, Tag.of(KafkaResilienceMetricNames.SEVERITY, severity.name()), (
						group) -> group.findings().stream().filter((finding) -> finding.severity() == severity).count(),
						false));
			}
			gauge(KafkaResilienceMetricNames.GROUP_LISTENERS_FAILED,
					"Listener containers of this application in the group that stopped by themselves", false,
					(group) -> group.listeners()
						.stream()
						.filter((listener) -> listener.state() == ListenerState.FAILED)
						.count());
			this.gauges.add(new GroupGauge(
					multiGauge(KafkaResilienceMetricNames.GROUP_TIME_BEHIND,
							"How far behind in time the group's most delayed partition is", "seconds"),
					null, (group) -> (group.capacity().timeBehindMs() != null)
							? group.capacity().timeBehindMs() / 1000.0 : Double.NaN,
					true));
			gauge(KafkaResilienceMetricNames.GROUP_CONSUMERS_NEEDED,
					"Consumers the group needs to keep up at the measured rates, at most its partitions", true,
					(group) -> (group.capacity().consumersNeeded() != null) ? group.capacity().consumersNeeded()
							: Double.NaN);
			this.partitionLagGauge = KafkaConsumersMeterBinder.this.perPartition ? multiGauge(
					KafkaResilienceMetricNames.PARTITION_LAG, "Committed-offset lag of one partition", null) : null;
		}

		private void gauge(String name, String description, boolean groupWide, ToDoubleFunction<GroupSignals> value) {
			this.gauges.add(new GroupGauge(multiGauge(name, description, null), null, value, groupWide));
		}

		private MultiGauge multiGauge(String name, String description, @Nullable String baseUnit) {
			return MultiGauge.builder(name).description(description).baseUnit(baseUnit).register(this.registry);
		}

		void update(SignalsSnapshot snapshot) {
			Map<MultiGauge, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
			this.gauges.forEach((gauge) -> rows.putIfAbsent(gauge.gauge(), new ArrayList<>()));
			List<MultiGauge.Row<?>> partitionRows = new ArrayList<>();
			Map<String, Long> lagByPartition = new HashMap<>();
			for (GroupSignals group : snapshot.groups()) {
				String groupId = group.groupId();
				KafkaConsumersMeterBinder.this.lastLosses.put(groupId, group.losses());
				Tags tags = Tags.of(GROUP, groupId);
				boolean local = group.view().local();
				for (GroupGauge gauge : this.gauges) {
					if (local && gauge.groupWide()) {
						continue;
					}
					ToDoubleFunction<GroupSignals> value = gauge.value();
					rows.get(gauge.gauge())
						.add(MultiGauge.Row.of((gauge.tag() != null) ? tags.and(gauge.tag()) : tags,
								KafkaConsumersMeterBinder.this, (binder) -> binder.groupValue(groupId, value)));
				}
				if (this.countedGroups.add(groupId)) {
					bindCounters(groupId, tags);
				}
				if (this.partitionLagGauge != null && !local) {
					for (PartitionSignals partition : group.lag().partitions()) {
						String key = partitionKey(groupId, partition.topic(), partition.partition());
						lagByPartition.put(key, partition.lag());
						partitionRows.add(MultiGauge.Row.of(
								tags.and(KafkaResilienceMetricNames.TOPIC, partition.topic(),
										KafkaResilienceMetricNames.PARTITION, Integer.toString(partition.partition())),
								KafkaConsumersMeterBinder.this, (binder) -> binder.partitionLag(key)));
					}
				}
			}
			// One lookup per gauge at scrape time, rather than a search of the snapshot
			// per partition.
			KafkaConsumersMeterBinder.this.partitionLag = lagByPartition;
			// Without overwrite a row that exists keeps its meter (no gap for a scrape in
			// between); rows that are gone are removed.
			rows.forEach((gauge, groupRows) -> gauge.register(groupRows, false));
			if (this.partitionLagGauge != null) {
				this.partitionLagGauge.register(partitionRows, false);
			}
		}

		// Counters stay once bound: a counter that disappears and comes back would look
		// like a reset to Prometheus' rate().
		private void bindCounters(String groupId, Tags tags) {
			KafkaConsumersMeterBinder binder = KafkaConsumersMeterBinder.this;
			counter(KafkaResilienceMetricNames.GROUP_RECORDS_LOST, "Records deleted before the group read them", tags,
					binder, (b) -> b.losses(groupId).recordsLost());
			counter(KafkaResilienceMetricNames.GROUP_RECORDS_GIVEN_UP,
					"Records the listeners failed on and left behind: skipped or dead-lettered", tags, binder,
					(b) -> b.losses(groupId).recordsGivenUp());
			counter(KafkaResilienceMetricNames.GROUP_REBALANCES,
					"Rebalances this application's consumers of the group completed", tags, binder.history,
					(history) -> history.rebalances(groupId));
		}

		private <T> void counter(String name, String description, Tags tags, T source, ToDoubleFunction<T> count) {
			FunctionCounter.builder(name, source, count).description(description).tags(tags).register(this.registry);
		}

	}

	private LossSignals losses(String groupId) {
		return this.lastLosses.getOrDefault(groupId, NO_LOSSES);
	}

	private double ageSeconds() {
		return this.collector.dataAge().toMillis() / 1000.0;
	}

}

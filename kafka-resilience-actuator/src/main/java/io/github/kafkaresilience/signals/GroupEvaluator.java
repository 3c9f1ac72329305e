package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.groupconfig.GroupConfigChange;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.evidence.PartitionEvidence;
import io.github.kafkaresilience.signals.LagWindow.Sample;
import io.github.kafkaresilience.signals.PartitionRules.PartitionAssessment;
import io.github.kafkaresilience.signals.RebalanceSignals.RebalanceEventSummary;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Turns one refresh's observations into a group's signals, verdict, diagnosis and
 * findings. Pure: no I/O, no clock, so every rule is testable with plain values.
 *
 * @author kafka-resilience
 */
public final class GroupEvaluator {

	// Kafka's own default, from the client's config definition rather than a copy.
	static final long KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS = ((Number) ConsumerConfig.configDef()
		.defaultValues()
		.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)).longValue();

	private static final int RECENT_EVENTS = 20;

	private static final Duration HOUR = Duration.ofHours(1);

	private GroupEvaluator() {
	}

	/**
	 * Judge one group from one refresh's observations.
	 * @param input what the refresh saw, with the group's history and the thresholds
	 * @return the group's signals, verdict, diagnosis and findings
	 */
	public static GroupSignals evaluate(Input input) {
		GroupContext context = new GroupContext(input);
		GroupObservation observation = input.observation();
		List<PartitionAssessment> assessed = PartitionRules.assess(context);
		List<Sample> samples = input.samples();
		double production = CapacityRules.production(samples);
		double consumption = CapacityRules.consumption(samples);
		int lagging = (int) assessed.stream().filter((partition) -> partition.lag() > 0).count();

		List<PartitionSignals> partitions = new ArrayList<>();
		CapacityRules.TimeBehind worstBehind = null;
		for (PartitionAssessment partition : assessed) {
			CapacityRules.TimeBehind behind = CapacityRules.timeBehind(context, partition, consumption, lagging);
			if (behind != null && (worstBehind == null || behind.ms() > worstBehind.ms())) {
				worstBehind = behind;
			}
			partitions.add(partitionSignals(context, partition, behind));
		}
		int unowned = !observation.membershipKnown() ? 0
				: (int) assessed.stream().filter((partition) -> !context.hasLiveOwner(partition.partition())).count();

		long totalLag = partitions.stream().mapToLong(PartitionSignals::lag).sum();
		double totalRate = LagWindow.slopePerSecond(samples, Sample::totalLag);
		Long catchUp = (totalLag > 0 && totalRate < 0) ? (long) Math.ceil(totalLag / -totalRate) : null;
		LagSignals lag = new LagSignals(totalLag, round(totalRate), catchUp, partitions);

		int active = (int) observation.members().stream().filter((member) -> !member.assignment().isEmpty()).count();
		Integer needed = CapacityRules.uncappedConsumersNeeded(context, totalLag, production, consumption, active);
		CapacitySignals capacity = CapacityRules.capacity(production, consumption, active, needed,
				observation.partitions().size(), worstBehind);

		RebalanceSignals rebalances = rebalances(input);
		PollSignals poll = poll(input.listeners());
		int idle = (observation.state() == GroupState.STABLE)
				? (int) observation.members().stream().filter((member) -> member.assignment().isEmpty()).count() : 0;
		MembershipSignals membership = new MembershipSignals(observation.members().size(),
				observation.partitions().size(), idle, unowned, observation.state());

		VerdictRules.Judgement judgement = VerdictRules.judge(context, assessed, lag, poll);
		List<Finding> findings = FindingRules.findings(context,
				new FindingRules.Facts(rebalances, poll, membership, partitions, capacity, needed));
		List<ListenerSignals> listeners = input.listeners().stream().map(GroupEvaluator::listenerSignals).toList();
		Verdict local = VerdictRules.local(context, assessed, poll);
		long givenUp = partitions.stream().mapToLong(PartitionSignals::recordsGivenUp).sum();
		return new GroupSignals(observation.groupId(), judgement.verdict(), local, judgement.diagnosis(),
				observation.protocol(), lag, rebalances, poll, membership, findings, listeners, capacity,
				new LossSignals(input.recordsLost(), givenUp), observation.brokerSettings());
	}

	private static PartitionSignals partitionSignals(GroupContext context, PartitionAssessment assessed,
			CapacityRules.@Nullable TimeBehind behind) {
		TopicPartition partition = assessed.partition();
		GroupObservation observation = context.observation();
		GroupObservation.Member owner = assessed.owner();
		Owner ownerSignals = (owner != null) ? new Owner(owner.clientId(), owner.instanceId(), owner.host()) : null;
		double rate = LagWindow.slopePerSecond(context.samples, (sample) -> sample.lag().getOrDefault(partition, 0L));
		PartitionEvidence evidence = context.evidence(partition);
		PartitionEvidence.Failure failure = (evidence != null) ? evidence.failure() : null;
		PartitionFailure failed = (failure != null && failure.attempts() >= 2) ? VerdictRules.failure(context, failure)
				: null;
		return new PartitionSignals(partition.topic(), partition.partition(), observation.committed().get(partition),
				observation.endOffsets().getOrDefault(partition, 0L), assessed.lag(), round(rate), assessed.status(),
				ownerSignals, observation.startOffsets().get(partition), (behind != null) ? behind.ms() : null,
				(behind != null) ? behind.source() : null, failed, (evidence != null) ? evidence.givenUp() : 0,
				context.pausedSince(partition));
	}

	private static RebalanceSignals rebalances(Input input) {
		Instant hourAgo = input.now().minus(HOUR);
		List<Instant> times = input.rebalanceTimes();
		long lastHour = times.stream().filter((time) -> time.isAfter(hourAgo)).count();
		Long lastSecondsAgo = times.isEmpty() ? null
				: Duration.between(times.get(times.size() - 1), input.now()).toSeconds();
		Long lastDuration = null;
		List<RebalanceEvent> events = input.events();
		for (int i = events.size() - 1; i >= 0 && lastDuration == null; i--) {
			if (events.get(i).pauseMs() >= 0) {
				lastDuration = events.get(i).pauseMs();
			}
		}
		if (lastDuration == null) {
			lastDuration = input.listeners()
				.stream()
				.map(LocalListener::coordinatorRebalanceLatencyMaxMs)
				.filter(Objects::nonNull)
				.max(Double::compare)
				.map(Math::round)
				.orElse(null);
		}
		List<RebalanceEventSummary> recent = events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size())
			.stream()
			.map((event) -> new RebalanceEventSummary(event.time().toEpochMilli(), event.type(), event.clientId(),
					event.partitions().size(), event.pauseMs()))
			.toList();
		return new RebalanceSignals(input.rebalanceTotal(), lastHour, lastSecondsAgo, lastDuration, recent);
	}

	private static PollSignals poll(List<LocalListener> listeners) {
		long maxPollInterval = listeners.stream()
			.map(LocalListener::settings)
			.filter(Objects::nonNull)
			.map((settings) -> settings.value("max.poll.interval.ms"))
			.flatMap(Optional::stream)
			.mapToLong(Long::parseLong)
			.min()
			.orElse(KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS);
		List<LocalListener> running = listeners.stream().filter(LocalListener::running).toList();
		Double avg = max(running.stream().map(LocalListener::timeBetweenPollAvgMs).toList());
		Double max = max(running.stream().map(LocalListener::timeBetweenPollMaxMs).toList());
		Double lastPoll = max(running.stream().map(LocalListener::lastPollSecondsAgo).toList());
		double used = Math.max((max != null) ? max : 0, (lastPoll != null) ? lastPoll * 1000 : 0);
		double ratio = (maxPollInterval > 0) ? used / maxPollInterval : 0;
		return new PollSignals(maxPollInterval, avg, max, lastPoll, roundRatio(ratio));
	}

	private static ListenerSignals listenerSignals(LocalListener listener) {
		ListenerSettings settings = listener.settings();
		return new ListenerSignals(listener.listenerId(), listener.running(), ListenerState.of(listener),
				listener.stopReason(), listener.concurrency(), (settings != null) ? settings.settings() : List.of());
	}

	private static @Nullable Double max(List<@Nullable Double> values) {
		return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static double roundRatio(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/**
	 * Everything one evaluation needs.
	 *
	 * @param now when the evaluation happens
	 * @param observation what the broker said
	 * @param samples lag samples across the window, the current one last
	 * @param listeners this application's containers in the group
	 * @param events the group's recorded rebalance events
	 * @param rebalanceTotal rebalances completed since start
	 * @param rebalanceTimes completion times of recent rebalances
	 * @param incidents membership incidents of the group
	 * @param settings thresholds
	 * @param losses records lost before the group read them, in the last hour
	 * @param recordsLost records lost since start
	 * @param configChanges what kafka-resilience did with the group's broker settings
	 */
	public record Input(Instant now, GroupObservation observation, List<Sample> samples, List<LocalListener> listeners,
			List<RebalanceEvent> events, long rebalanceTotal, List<Instant> rebalanceTimes,
			List<ConsumerIncident> incidents, SignalsSettings settings, List<RecordLoss> losses, long recordsLost,
			List<GroupConfigChange> configChanges) {

		Input(Instant now, GroupObservation observation, List<Sample> samples, List<LocalListener> listeners,
				List<RebalanceEvent> events, long rebalanceTotal, List<Instant> rebalanceTimes,
				List<ConsumerIncident> incidents, SignalsSettings settings, List<RecordLoss> losses, long recordsLost) {
			this(now, observation, samples, listeners, events, rebalanceTotal, rebalanceTimes, incidents, settings,
					losses, recordsLost, List.of());
		}

		public Input(Instant now, GroupObservation observation, List<Sample> samples, List<LocalListener> listeners,
				List<RebalanceEvent> events, long rebalanceTotal, List<Instant> rebalanceTimes,
				List<ConsumerIncident> incidents, SignalsSettings settings) {
			this(now, observation, samples, listeners, events, rebalanceTotal, rebalanceTimes, incidents, settings,
					List.of(), 0);
		}

	}

}

package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.signals.LagWindow.Sample;
import io.github.kafkaresilience.signals.RebalanceSignals.RebalanceEventSummary;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Turns one refresh's observations into a group's signals, verdict, diagnosis and
 * findings. Pure: no I/O, no clock, so every rule is testable with plain values.
 *
 * @author kafka-resilience
 */
final class GroupEvaluator {

	static final long KAFKA_DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

	private static final Set<String> REBALANCING_STATES = Set.of("PreparingRebalance", "CompletingRebalance",
			"Assigning", "Reconciling");

	private static final Comparator<TopicPartition> PARTITION_ORDER = Comparator.comparing(TopicPartition::topic)
		.thenComparingInt(TopicPartition::partition);

	private static final int RECENT_EVENTS = 20;

	private static final Duration HOUR = Duration.ofHours(1);

	private GroupEvaluator() {
	}

	static GroupSignals evaluate(Input input) {
		GroupObservation observation = input.observation();
		SignalsSettings settings = input.settings();
		List<Sample> samples = input.samples();
		boolean rebalancing = REBALANCING_STATES.contains(observation.state());
		Duration span = samples.isEmpty() ? Duration.ZERO
				: Duration.between(samples.get(0).time(), samples.get(samples.size() - 1).time());
		boolean enoughData = span.compareTo(settings.minimumSpan()) >= 0;
		// Progress and trend are judged against the newest sample at least minimumSpan
		// old, so that a consumer
		// that stopped committing half a window ago reads STUCK then, not a whole window
		// later.
		Sample reference = enoughData ? reference(samples, settings.minimumSpan()) : null;
		Sample latest = samples.isEmpty() ? null : samples.get(samples.size() - 1);

		Map<TopicPartition, GroupObservation.Member> owners = new LinkedHashMap<>();
		for (GroupObservation.Member member : observation.members()) {
			member.assignment().forEach((partition) -> owners.put(partition, member));
		}

		List<PartitionSignals> partitions = new ArrayList<>();
		int unowned = 0;
		for (TopicPartition partition : observation.partitions().stream().sorted(PARTITION_ORDER).toList()) {
			long lag = lag(observation, partition);
			GroupObservation.Member owner = owners.get(partition);
			boolean live = owner != null
					&& input.listeners().stream().noneMatch((listener) -> !listener.running() && listener.owns(owner));
			if (!live) {
				unowned++;
			}
			double rate = LagWindow.slopePerSecond(samples, (sample) -> sample.lag().getOrDefault(partition, 0L));
			Verdict status;
			if (lag == 0) {
				status = Verdict.OK;
			}
			else if (!live) {
				status = rebalancing ? Verdict.REBALANCING : Verdict.STOPPED;
			}
			else if (!enoughData) {
				status = Verdict.UNKNOWN;
			}
			else if (!committedAdvanced(reference, latest, partition)) {
				status = Verdict.STUCK;
			}
			else {
				status = trend(change(reference, latest, partition), settings);
			}
			Owner ownerSignals = (owner != null) ? new Owner(owner.clientId(), owner.instanceId(), owner.host()) : null;
			partitions.add(new PartitionSignals(partition.topic(), partition.partition(),
					observation.committed().get(partition), observation.endOffsets().getOrDefault(partition, 0L), lag,
					round(rate), status, ownerSignals));
		}

		long totalLag = partitions.stream().mapToLong(PartitionSignals::lag).sum();
		double totalRate = LagWindow.slopePerSecond(samples, Sample::totalLag);
		Long catchUp = (totalLag > 0 && totalRate < 0) ? (long) Math.ceil(totalLag / -totalRate) : null;
		LagSignals lag = new LagSignals(totalLag, round(totalRate), catchUp, partitions);

		RebalanceSignals rebalances = rebalances(input);
		PollSignals poll = poll(input.listeners());
		int idle = "Stable".equals(observation.state())
				? (int) observation.members().stream().filter((member) -> member.assignment().isEmpty()).count() : 0;
		MembershipSignals membership = new MembershipSignals(observation.members().size(),
				observation.partitions().size(), idle, unowned, observation.state());

		List<Finding> findings = new ArrayList<>();
		Trend groupTrend = (reference != null && latest != null)
				? new Trend(latest.totalLag() - reference.totalLag(), Duration.between(reference.time(), latest.time()))
				: null;
		Judgement judgement = judge(input, partitions, lag, poll, rebalancing, span, enoughData, groupTrend);
		addFindings(input, rebalances, poll, membership, findings);
		List<ListenerSignals> listeners = input.listeners().stream().map(GroupEvaluator::listenerSignals).toList();
		Verdict local = localVerdict(input, partitions, poll, rebalancing);
		return new GroupSignals(observation.groupId(), judgement.verdict(), local, judgement.diagnosis(),
				observation.protocol(), lag, rebalances, poll, membership, findings, listeners);
	}

	/**
	 * The verdict restricted to this application's consumers: a failed or blocked local
	 * consumer, or the worst status of the partitions they own. A partition stuck on
	 * another instance is not this instance's problem, so restarting this instance for it
	 * would only add a rebalance.
	 */
	private static Verdict localVerdict(Input input, List<PartitionSignals> partitions, PollSignals poll,
			boolean rebalancing) {
		if (input.listeners().stream().anyMatch(LocalListener::failed)) {
			return Verdict.STOPPED;
		}
		if (rebalancing) {
			return Verdict.REBALANCING;
		}
		Double lastPoll = poll.lastPollSecondsAgo();
		if (lastPoll != null && lastPoll * 1000 >= input.settings().stuckPollRatio() * poll.maxPollIntervalMs()) {
			return Verdict.STUCK;
		}
		Set<String> clients = input.listeners()
			.stream()
			.flatMap((listener) -> listener.clientIds().stream())
			.collect(Collectors.toSet());
		return partitions.stream()
			.filter((partition) -> partition.owner() != null && clients.contains(partition.owner().clientId()))
			.map(PartitionSignals::status)
			.reduce(Verdict.OK, Verdict::worse);
	}

	private static Judgement judge(Input input, List<PartitionSignals> partitions, LagSignals lag, PollSignals poll,
			boolean rebalancing, Duration span, boolean enoughData, @Nullable Trend trend) {
		GroupObservation observation = input.observation();
		Optional<LocalListener> failed = input.listeners().stream().filter(LocalListener::failed).findFirst();
		if (failed.isPresent()) {
			LocalListener listener = failed.get();
			return new Judgement(Verdict.STOPPED, "Listener '" + listener.listenerId() + "' stopped by itself"
					+ reason(listener) + ": " + fixForStop(listener.stopReason()));
		}
		if (rebalancing) {
			return new Judgement(Verdict.REBALANCING, "The group is rebalancing (state " + observation.state()
					+ "); its partitions resume when the new assignment is in place. If this repeats, check the "
					+ "rebalance rate and the poll interval.");
		}
		List<LocalListener> stoppedOnRequest = input.listeners()
			.stream()
			.filter((listener) -> !listener.running() && !listener.failed())
			.toList();
		double ratio = poll.maxPollIntervalUsedRatio();
		Double lastPoll = poll.lastPollSecondsAgo();
		if (lastPoll != null && lastPoll * 1000 >= input.settings().stuckPollRatio() * poll.maxPollIntervalMs()) {
			return new Judgement(Verdict.STUCK,
					"The poll loop has not returned for " + Math.round(lastPoll) + " s (" + percent(ratio)
							+ " of max.poll.interval.ms): a listener call is blocked. Take a thread dump and look "
							+ "at the listener thread; move slow or blocking work off the poll thread.");
		}
		if (observation.members().isEmpty() && lag.total() > 0) {
			List<LocalListener> running = input.listeners().stream().filter(LocalListener::running).toList();
			if (!running.isEmpty()) {
				// Running containers without a member: their consumers were evicted while
				// a poll did not return.
				return new Judgement(Verdict.STUCK, "Listener " + ids(running)
						+ " runs but has no member in the group: "
						+ "its consumers were evicted for exceeding max.poll.interval.ms"
						+ ((lastPoll != null) ? " (last poll " + Math.round(lastPoll) + " s ago)" : "")
						+ " because a listener call does not return. Take a thread dump and look at the listener "
						+ "thread; move slow or blocking work off the poll thread.");
			}
			String who = stoppedOnRequest.isEmpty() ? ""
					: " Listener " + ids(stoppedOnRequest) + " was stopped on request.";
			return new Judgement(Verdict.STOPPED, "No consumer is in the group while " + lag.total() + " records wait."
					+ who + " Start a consumer for the group.");
		}
		Verdict worstPartition = partitions.stream().map(PartitionSignals::status).reduce(Verdict.OK, Verdict::worse);
		// Growth spread thinly over many partitions still adds up to a group falling
		// behind.
		Verdict worst = (worstPartition == Verdict.OK && trend != null) ? trend(trend.change(), input.settings())
				: worstPartition;
		double recentRate = (trend != null) ? trend.perSecond() : lag.ratePerSecond();
		List<PartitionSignals> affected = partitions.stream()
			.filter((partition) -> partition.status() == worst)
			.toList();
		String names = affected.stream()
			.limit(5)
			.map((partition) -> partition.topic() + "-" + partition.partition())
			.collect(Collectors.joining(", ")) + ((affected.size() > 5) ? ", ..." : "");
		return switch (worst) {
			case STOPPED -> new Judgement(worst,
					affected.size() + " partition(s) with lag have no live owner (" + names + ")"
							+ (stoppedOnRequest.isEmpty() ? ""
									: "; listener " + ids(stoppedOnRequest) + " was stopped on request")
							+ ". Start the stopped consumer, or wait for the departed static member to return or for "
							+ "session.timeout.ms to expire.");
			case STUCK -> new Judgement(worst,
					"Committed offsets of " + affected.size() + " partition(s) (" + names + ") did not advance for "
							+ span.toSeconds() + " s although they have an owner and lag: the "
							+ "listener is blocked or keeps failing on the same record. Check the logs for a repeating "
							+ "error (a poison pill needs an error handler or a dead-letter topic) or a blocked call.");
			case SLOW -> new Judgement(worst, "Lag is rising by " + Math.max(1, Math.round(recentRate))
					+ " records/s while offsets advance: processing is slower than production. Add consumers (up "
					+ "to the " + partitions.size() + " partitions), lower the cost per record, or move slow work "
					+ "off the poll thread.");
			case CATCHING_UP ->
				new Judgement(worst, "Lag is falling by " + Math.max(1, Math.round(-recentRate)) + " records/s"
						+ ((lag.catchUpSeconds() != null) ? "; caught up in about " + lag.catchUpSeconds() + " s" : "")
						+ ". A healthy catch-up after a spike or a restart: nothing to do.");
			case UNKNOWN -> new Judgement(worst, enoughData ? "Not enough data." : "Collecting data: verdicts need "
					+ input.settings().minimumSpan().toSeconds() + " s of samples, " + span.toSeconds() + " s so far.");
			case REBALANCING -> new Judgement(worst, "Partitions are moving between members.");
			case OK -> new Judgement(worst, (lag.total() == 0) ? "Consuming as fast as records arrive; no lag."
					: "Lag is steady at " + lag.total() + " records while offsets advance.");
		};
	}

	private static void addFindings(Input input, RebalanceSignals rebalances, PollSignals poll,
			MembershipSignals membership, List<Finding> findings) {
		SignalsSettings settings = input.settings();
		if (poll.maxPollIntervalUsedRatio() >= settings.pollIntervalWarnRatio()) {
			findings.add(new Finding(Severity.WARN, "poll-interval-near-limit",
					"Poll interval reached " + percent(poll.maxPollIntervalUsedRatio()) + " of max.poll.interval.ms ("
							+ poll.maxPollIntervalMs()
							+ " ms): processing is slow, and past 100 % the consumer is evicted. "
							+ "Lower max.poll.records or move slow work off the poll thread; max.poll.interval.ms must "
							+ "cover the slowest batch, not the average."));
		}
		if (rebalances.ratePerHour() > settings.rebalanceStormPerHour()) {
			findings.add(new Finding(Severity.WARN, "rebalance-storm",
					Math.round(rebalances.ratePerHour()) + " rebalances in the last hour (threshold "
							+ Math.round(settings.rebalanceStormPerHour())
							+ "): members keep leaving and joining. Look for consumers evicted for exceeding "
							+ "max.poll.interval.ms, crash loops, or restarts without static membership."));
		}
		if (membership.idleMembers() > 0) {
			findings
				.add(new Finding(Severity.INFO, "idle-members", membership.idleMembers() + " of " + membership.members()
						+ " members have no partition: the group has more consumers than its " + membership.partitions()
						+ " partitions. Extra consumers only stand by; add partitions to " + "scale further."));
		}
		if (membership.unassignedPartitions() > 0) {
			findings.add(new Finding(Severity.WARN, "unassigned-partitions", membership.unassignedPartitions()
					+ " partition(s) have no live owner; their lag is not being consumed."));
		}
		Instant hourAgo = input.now().minus(HOUR);
		List<RebalanceEvent> lost = input.events()
			.stream()
			.filter((event) -> event.type() == RebalanceEventType.LOST && event.time().isAfter(hourAgo))
			.toList();
		if (!lost.isEmpty()) {
			RebalanceEvent last = lost.get(lost.size() - 1);
			Double pollMax = poll.timeBetweenPollMaxMs();
			findings.add(new Finding(Severity.WARN, "partitions-lost",
					lost.size() + " time(s) in the last hour a consumer lost its partitions without committing (last: "
							+ last.clientId() + ", " + last.partitions().size() + " partitions): it was evicted "
							+ "for missing session.timeout.ms or exceeding max.poll.interval.ms ("
							+ poll.maxPollIntervalMs() + " ms"
							+ ((pollMax != null) ? "; longest time between polls " + Math.round(pollMax) + " ms" : "")
							+ "). Records since the last commit are processed again. Lower max.poll.records or "
							+ "raise max.poll.interval.ms above the slowest batch."));
		}
		for (LocalListener listener : input.listeners()) {
			if (listener.failed()) {
				findings.add(new Finding(Severity.ERROR, "listener-failed", "Listener '" + listener.listenerId()
						+ "' stopped by itself" + reason(listener) + ": " + fixForStop(listener.stopReason())));
			}
			else if (!listener.running()) {
				findings.add(new Finding(Severity.INFO, "listener-stopped",
						"Listener '" + listener.listenerId() + "' was stopped on request."));
			}
			ListenerSettings listenerSettings = listener.settings();
			if (listenerSettings != null) {
				listenerSettings.findings()
					.stream()
					.filter((finding) -> finding.severity() != Severity.INFO)
					.forEach(findings::add);
			}
		}
		for (ConsumerIncident incident : input.incidents()) {
			findings.add(new Finding(Severity.ERROR, incident.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
					incident.message()));
		}
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
			.map((event) -> new RebalanceEventSummary(event.time().toEpochMilli(), event.type().name(),
					event.clientId(), event.partitions().size(), event.pauseMs()))
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
		String state = listener.running() ? (listener.paused() ? "paused" : "running")
				: (listener.failed() ? "failed" : "stopped");
		Map<String, String> settings = new LinkedHashMap<>();
		ListenerSettings listenerSettings = listener.settings();
		if (listenerSettings != null) {
			for (EffectiveSetting setting : listenerSettings.settings()) {
				String value = Sanitizer.sanitize(setting.key(), setting.value());
				settings.put(setting.key(),
						((value != null) ? value : "(unset)") + " [" + setting.source().label() + "]");
			}
		}
		return new ListenerSignals(listener.listenerId(), listener.running(), state, listener.stopReason(),
				listener.concurrency(), settings);
	}

	private static long lag(GroupObservation observation, TopicPartition partition) {
		long end = observation.endOffsets().getOrDefault(partition, 0L);
		Long committed = observation.committed().get(partition);
		long from = (committed != null) ? committed : observation.startOffsets().getOrDefault(partition, 0L);
		return Math.max(0, end - from);
	}

	private static Sample reference(List<Sample> samples, Duration minimumSpan) {
		Instant cutoff = samples.get(samples.size() - 1).time().minus(minimumSpan);
		Sample reference = samples.get(0);
		for (Sample sample : samples) {
			if (!sample.time().isAfter(cutoff)) {
				reference = sample;
			}
		}
		return reference;
	}

	private static boolean committedAdvanced(Sample reference, Sample latest, TopicPartition partition) {
		Long before = reference.committed().get(partition);
		Long now = latest.committed().get(partition);
		if (now == null) {
			return false;
		}
		return before == null || now > before;
	}

	private static long change(Sample reference, Sample latest, TopicPartition partition) {
		return latest.lag().getOrDefault(partition, 0L) - reference.lag().getOrDefault(partition, 0L);
	}

	private static Verdict trend(long change, SignalsSettings settings) {
		if (change > settings.lagGrowthThreshold()) {
			return Verdict.SLOW;
		}
		if (-change > settings.lagGrowthThreshold()) {
			return Verdict.CATCHING_UP;
		}
		return Verdict.OK;
	}

	private static String reason(LocalListener listener) {
		return (listener.stopReason() != null) ? " (" + listener.stopReason() + ")" : "";
	}

	private static String fixForStop(@Nullable String reason) {
		if (reason == null) {
			return "check the application log for the error that stopped it, then restart the container.";
		}
		return switch (reason) {
			case "FENCED" -> "another consumer took its group.instance.id. Give every consumer a unique id "
					+ "(check that no two pods share a name) and restart it.";
			case "AUTH" -> "the broker refused its credentials. Fix the security configuration and restart it.";
			case "NO_OFFSET" -> "it has no committed offset and auto.offset.reset is none. Set an offset reset "
					+ "policy or commit offsets for the group.";
			case "ERROR" -> "an Error escaped the listener and killed the consumer thread (see the log). Fix the "
					+ "cause; a restart brings the consumer back.";
			default -> "check the application log for the error that stopped it, then restart the container.";
		};
	}

	private static String ids(List<LocalListener> listeners) {
		return listeners.stream()
			.map((listener) -> "'" + listener.listenerId() + "'")
			.collect(Collectors.joining(", "));
	}

	private static String percent(double ratio) {
		return Math.round(ratio * 100) + " %";
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
	 */
	record Input(Instant now, GroupObservation observation, List<Sample> samples, List<LocalListener> listeners,
			List<RebalanceEvent> events, long rebalanceTotal, List<Instant> rebalanceTimes,
			List<ConsumerIncident> incidents, SignalsSettings settings) {

	}

	private record Judgement(Verdict verdict, String diagnosis) {

	}

	/**
	 * Change of total lag from the reference sample to the latest one.
	 */
	private record Trend(long change, Duration over) {

		double perSecond() {
			return this.change / Math.max(this.over.toMillis() / 1000.0, 1e-3);
		}

	}

}

package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

/**
 * What else deserves attention besides the verdict, each finding a small rule with its
 * own sentence naming the cause and the fix.
 *
 * @author kafka-resilience
 */
final class FindingRules {

	private static final Duration HOUR = Duration.ofHours(1);

	// A batch should use at most this share of max.poll.interval.ms, for headroom.
	private static final double BATCH_BUDGET = 0.5;

	private FindingRules() {
	}

	static List<Finding> findings(GroupContext context, Facts facts) {
		List<Finding> findings = new ArrayList<>();
		pollIntervalNearLimit(context, facts.poll(), findings);
		rebalanceStorm(context, facts.rebalances(), findings);
		idleMembers(facts.membership(), findings);
		unassignedPartitions(facts.membership(), findings);
		lostPartitions(context, facts.poll(), findings);
		maxPollIntervalExceeded(context, facts.poll(), findings);
		RecordFindings.poisonPills(facts.partitions(), findings);
		RecordFindings.recordsGivenUp(context, facts.partitions(), findings);
		RecordFindings.recordsLost(context, findings);
		RecordFindings.openTransactions(context, facts.partitions(), findings);
		paused(facts.partitions(), findings);
		partitionLimit(facts, findings);
		listenerStates(context, findings);
		ProtocolFindings.findings(context, findings);
		RackFindings.findings(context, findings);
		for (ConsumerIncident incident : context.input.incidents()) {
			findings.add(new Finding(Severity.ERROR, incident.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
					incident.message()));
		}
		return findings;
	}

	private static void pollIntervalNearLimit(GroupContext context, PollSignals poll, List<Finding> findings) {
		if (poll.maxPollIntervalUsedRatio() >= context.settings().pollIntervalWarnRatio()) {
			findings.add(new Finding(Severity.WARN, "poll-interval-near-limit",
					"Poll interval reached " + Diagnoses.percent(poll.maxPollIntervalUsedRatio())
							+ " of max.poll.interval.ms (" + poll.maxPollIntervalMs()
							+ " ms): processing is slow, and past 100 % the consumer is evicted. "
							+ "Lower max.poll.records or move slow work off the poll thread; max.poll.interval.ms must "
							+ "cover the slowest batch, not the average."));
		}
	}

	private static void rebalanceStorm(GroupContext context, RebalanceSignals rebalances, List<Finding> findings) {
		if (rebalances.ratePerHour() > context.settings().rebalanceStormPerHour()) {
			findings.add(new Finding(Severity.WARN, "rebalance-storm",
					Math.round(rebalances.ratePerHour()) + " rebalances in the last hour (threshold "
							+ Math.round(context.settings().rebalanceStormPerHour())
							+ "): members keep leaving and joining. Look for consumers evicted for exceeding "
							+ "max.poll.interval.ms, crash loops, or restarts without static membership."));
		}
	}

	private static void idleMembers(MembershipSignals membership, List<Finding> findings) {
		if (membership.idleMembers() > 0) {
			findings
				.add(new Finding(Severity.INFO, "idle-members", membership.idleMembers() + " of " + membership.members()
						+ " members have no partition: the group has more consumers than its " + membership.partitions()
						+ " partitions. Extra consumers only stand by; add partitions to scale further."));
		}
	}

	private static void unassignedPartitions(MembershipSignals membership, List<Finding> findings) {
		if (membership.unassignedPartitions() > 0) {
			findings.add(new Finding(Severity.WARN, "unassigned-partitions", membership.unassignedPartitions()
					+ " partition(s) have no live owner; their lag is not being consumed."));
		}
	}

	private static void lostPartitions(GroupContext context, PollSignals poll, List<Finding> findings) {
		List<RebalanceEvent> lost = lostInLastHour(context);
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
	}

	/**
	 * Evicted twice or more: the numbers that would make a batch fit, from the measured
	 * time per record and the longest batch.
	 */
	private static void maxPollIntervalExceeded(GroupContext context, PollSignals poll, List<Finding> findings) {
		List<RebalanceEvent> lost = lostInLastHour(context);
		if (lost.size() < 2) {
			return;
		}
		int maxPollRecords = context.setting(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)
			.map(Integer::valueOf)
			.orElse(ConsumerConfig.DEFAULT_MAX_POLL_RECORDS);
		double pollMaxMs = (poll.timeBetweenPollMaxMs() != null) ? poll.timeBetweenPollMaxMs() : 0;
		// Batch listeners are timed per record; for record listeners the longest time
		// between polls over a full batch is the measure.
		double perRecordMs = Math.max(pollMaxMs / maxPollRecords,
				context.input.listeners()
					.stream()
					.flatMap((listener) -> listener.evidence().progress().values().stream())
					.mapToDouble((evidence) -> evidence.averageRecordMs())
					.max()
					.orElse(0));
		double worstBatchMs = Math.max(pollMaxMs, perRecordMs * maxPollRecords);
		long interval = poll.maxPollIntervalMs();
		StringBuilder fix = new StringBuilder();
		if (perRecordMs > 0) {
			int fits = (int) Math.max(1, Math.floor(interval * BATCH_BUDGET / perRecordMs));
			fix.append("Lower max.poll.records from ").append(maxPollRecords).append(" to ").append(fits);
		}
		long neededInterval = (long) Math.ceil(worstBatchMs / BATCH_BUDGET);
		fix.append((fix.length() > 0) ? ", or raise" : "Raise")
			.append(" max.poll.interval.ms from ")
			.append(interval)
			.append(" to ")
			.append(Math.max(neededInterval, interval + 1));
		findings.add(new Finding(Severity.WARN, "max-poll-interval-exceeded",
				"Consumers of the group were evicted " + lost.size() + " times in the last hour: a batch of up to "
						+ maxPollRecords + " records (max.poll.records) took up to " + Math.round(worstBatchMs) + " ms"
						+ ((perRecordMs > 0) ? " (" + round(perRecordMs) + " ms per record)" : "")
						+ " against max.poll.interval.ms " + interval + " ms, so each eviction re-runs the batch and "
						+ "rebalances the group. " + fix + "."));
	}

	private static void paused(List<PartitionSignals> partitions, List<Finding> findings) {
		List<PartitionSignals> paused = partitions.stream().filter((p) -> p.pausedSinceMs() != null).toList();
		if (!paused.isEmpty()) {
			long since = paused.stream().mapToLong((p) -> Objects.requireNonNull(p.pausedSinceMs())).min().orElse(0);
			findings.add(new Finding(Severity.INFO, "paused",
					paused.size() + " partition(s) are paused on request in this application since "
							+ Instant.ofEpochMilli(since) + " ("
							+ paused.stream()
								.map((p) -> p.topic() + "-" + p.partition())
								.limit(5)
								.collect(Collectors.joining(", "))
							+ "): they are not consumed until resumed."));
		}
	}

	private static void partitionLimit(Facts facts, List<Finding> findings) {
		Integer needed = facts.uncappedConsumersNeeded();
		int partitions = facts.membership().partitions();
		if (needed != null && partitions > 0 && needed > partitions && facts.capacity().productionPerSecond() > 0) {
			double perConsumer = facts.capacity().consumptionPerSecond()
					/ Math.max(1, facts.capacity().activeConsumers());
			findings.add(new Finding(Severity.WARN, "partition-limit",
					"At the measured rates the group needs " + needed + " consumers (" + round(perConsumer)
							+ " records/s each against " + round(facts.capacity().productionPerSecond())
							+ " records/s produced), but its topics have only " + partitions + " partitions"
							+ ((facts.capacity().activeConsumers() >= partitions)
									? " and it already has a consumer for each: scaling out does nothing"
									: ": scaling out stops helping at " + partitions + " consumers")
							+ ". The topic needs at least " + needed + " partitions, or each record must cost less."));
		}
	}

	private static void listenerStates(GroupContext context, List<Finding> findings) {
		for (LocalListener listener : context.input.listeners()) {
			if (listener.failed()) {
				findings.add(new Finding(Severity.ERROR, "listener-failed", Diagnoses.failedListener(listener)));
			}
			else if (!listener.running()) {
				findings.add(new Finding(Severity.INFO, "listener-stopped",
						"Listener '" + listener.listenerId() + "' was stopped on request."));
			}
			ListenerSettings settings = listener.settings();
			if (settings != null) {
				settings.findings()
					.stream()
					.filter((finding) -> finding.severity() != Severity.INFO)
					.forEach(findings::add);
			}
		}
	}

	private static List<RebalanceEvent> lostInLastHour(GroupContext context) {
		Instant hourAgo = context.now.minus(HOUR);
		return context.input.events()
			.stream()
			.filter((event) -> event.type() == RebalanceEventType.LOST && event.time().isAfter(hourAgo))
			.toList();
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * The evaluation's results the findings look at.
	 *
	 * @param rebalances rebalance signals
	 * @param poll poll signals
	 * @param membership membership signals
	 * @param partitions partition signals
	 * @param capacity capacity signals
	 * @param uncappedConsumersNeeded consumers needed before capping at the partitions
	 */
	record Facts(RebalanceSignals rebalances, PollSignals poll, MembershipSignals membership,
			List<PartitionSignals> partitions, CapacitySignals capacity, @Nullable Integer uncappedConsumersNeeded) {

	}

}

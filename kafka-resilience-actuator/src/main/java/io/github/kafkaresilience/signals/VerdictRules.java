package io.github.kafkaresilience.signals;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import io.github.kafkaresilience.signals.LagWindow.Sample;
import io.github.kafkaresilience.signals.PartitionRules.Cause;
import io.github.kafkaresilience.signals.PartitionRules.PartitionAssessment;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The group's verdict and diagnosis, and the verdict of this application's own consumers:
 * the first rule that applies wins, worst cause first.
 *
 * @author kafka-resilience
 */
final class VerdictRules {

	private VerdictRules() {
	}

	static Judgement judge(GroupContext context, List<PartitionAssessment> assessed, LagSignals lag, PollSignals poll) {
		return Stream
			.<Supplier<@Nullable Judgement>>of(() -> failedListener(context), () -> pollLoopBlocked(context, poll),
					() -> stuckCall(context, assessed), () -> rebalancing(context),
					() -> emptyGroup(context, lag, poll))
			.map(Supplier::get)
			.filter(Objects::nonNull)
			.findFirst()
			.orElseGet(() -> fromPartitions(context, assessed, lag));
	}

	/**
	 * The verdict restricted to this application's consumers: a failed or blocked local
	 * consumer, or the worst status of the partitions they own. A partition stuck on
	 * another instance is not this instance's problem, so restarting this instance for it
	 * would only add a rebalance.
	 */
	static Verdict local(GroupContext context, List<PartitionAssessment> assessed, PollSignals poll) {
		if (context.input.listeners().stream().anyMatch(LocalListener::failed)) {
			return Verdict.STOPPED;
		}
		if (pollBlocked(context, poll) || hasStuckCall(assessed)) {
			return Verdict.STUCK;
		}
		if (context.rebalancing) {
			return Verdict.REBALANCING;
		}
		return assessed.stream()
			.filter((partition) -> partition.owner() != null && context.isLocal(partition.owner()))
			.map(PartitionAssessment::status)
			.reduce(Verdict.OK, Verdict::worse);
	}

	private static @Nullable Judgement failedListener(GroupContext context) {
		return context.input.listeners()
			.stream()
			.filter(LocalListener::failed)
			.findFirst()
			.map((listener) -> new Judgement(Verdict.STOPPED, Diagnoses.failedListener(listener)))
			.orElse(null);
	}

	/**
	 * A call blocked in this application, or a record that keeps failing, is named even
	 * while the group rebalances: it is what makes the rebalance happen.
	 */
	private static @Nullable Judgement stuckCall(GroupContext context, List<PartitionAssessment> assessed) {
		return hasStuckCall(assessed) ? new Judgement(Verdict.STUCK, stuck(context, assessed)) : null;
	}

	private static boolean hasStuckCall(List<PartitionAssessment> assessed) {
		return assessed.stream()
			.anyMatch((partition) -> partition.cause() == Cause.POISON || partition.cause() == Cause.BLOCKED_CALL);
	}

	private static @Nullable Judgement rebalancing(GroupContext context) {
		return context.rebalancing ? new Judgement(Verdict.REBALANCING, Diagnoses.rebalancing(context.observation()))
				: null;
	}

	private static @Nullable Judgement pollLoopBlocked(GroupContext context, PollSignals poll) {
		return pollBlocked(context, poll) ? new Judgement(Verdict.STUCK,
				Diagnoses.pollLoopBlocked(poll.lastPollSecondsAgo(), poll.maxPollIntervalUsedRatio())) : null;
	}

	private static boolean pollBlocked(GroupContext context, PollSignals poll) {
		Double lastPoll = poll.lastPollSecondsAgo();
		return lastPoll != null && lastPoll * 1000 >= context.settings().stuckPollRatio() * poll.maxPollIntervalMs();
	}

	private static @Nullable Judgement emptyGroup(GroupContext context, LagSignals lag, PollSignals poll) {
		if (!context.observation().members().isEmpty() || lag.total() == 0
				|| !context.observation().membershipKnown()) {
			return null;
		}
		List<LocalListener> running = context.input.listeners().stream().filter(LocalListener::running).toList();
		if (!running.isEmpty()) {
			// Running containers without a member: their consumers were evicted while a
			// poll did not return.
			return new Judgement(Verdict.STUCK, Diagnoses.evicted(running, poll.lastPollSecondsAgo()));
		}
		return new Judgement(Verdict.STOPPED, Diagnoses.noConsumer(lag.total(), stoppedOnRequest(context)));
	}

	private static Judgement fromPartitions(GroupContext context, List<PartitionAssessment> assessed, LagSignals lag) {
		Verdict worstPartition = assessed.stream().map(PartitionAssessment::status).reduce(Verdict.OK, Verdict::worse);
		Long change = context.totalLagChange();
		// Growth spread thinly over many partitions still adds up to a group falling
		// behind.
		Verdict worst = (worstPartition == Verdict.OK && change != null)
				? PartitionRules.trend(change, context.settings()) : worstPartition;
		double seconds = Math.max(context.trendSpan().toMillis() / 1000.0, 1e-3);
		double recentRate = (change != null) ? change / seconds : lag.ratePerSecond();
		List<TopicPartition> affected = assessed.stream()
			.filter((partition) -> partition.status() == worst)
			.map(PartitionAssessment::partition)
			.toList();
		String diagnosis = switch (worst) {
			case STOPPED -> Diagnoses.noLiveOwner(affected, stoppedOnRequest(context));
			case STUCK -> stuck(context, assessed);
			case SLOW -> Diagnoses.slow(recentRate, assessed.size());
			case CATCHING_UP -> Diagnoses.catchingUp(recentRate, lag.catchUpSeconds());
			case UNKNOWN -> Diagnoses.collecting(context.enoughData, context.settings().minimumSpan().toSeconds(),
					context.span.toSeconds());
			case REBALANCING -> Diagnoses.moving();
			case PAUSED -> paused(context, affected);
			case OK -> Diagnoses.ok(lag.total());
		};
		return new Judgement(worst, diagnosis);
	}

	private static String stuck(GroupContext context, List<PartitionAssessment> assessed) {
		Optional<PartitionAssessment> poisoned = first(assessed, Cause.POISON);
		if (poisoned.isPresent()) {
			TopicPartition partition = poisoned.get().partition();
			PartitionEvidence.Failure failure = Objects.requireNonNull(context.evidence(partition)).failure();
			return Diagnoses.poison(partition, failure(context, Objects.requireNonNull(failure)),
					listenerId(context, partition), behind(assessed, poisoned.get()));
		}
		Optional<PartitionAssessment> blocked = first(assessed, Cause.BLOCKED_CALL);
		if (blocked.isPresent()) {
			TopicPartition partition = blocked.get().partition();
			PartitionEvidence.Call call = Objects.requireNonNull(context.evidence(partition)).inFlight();
			return Diagnoses.blockedCall(partition, Objects.requireNonNull(call).offset(),
					context.now.toEpochMilli() - call.since(), listenerId(context, partition),
					behind(assessed, blocked.get()));
		}
		PartitionAssessment stalled = first(assessed, Cause.MEMBER_STALLED)
			.orElseGet(() -> first(assessed, Cause.BEHIND_STUCK_CALL).orElseThrow());
		GroupObservation.Member member = Objects.requireNonNull(stalled.owner());
		List<TopicPartition> partitions = assessed.stream()
			.filter((partition) -> partition.status() == Verdict.STUCK && member.equals(partition.owner()))
			.map(PartitionAssessment::partition)
			.toList();
		return Diagnoses.memberStalled(member, context.isInstrumented(member), partitions,
				lastProgress(context, member), context.span.toSeconds(), context.sessionTimeoutMs(),
				context.consumerProtocol());
	}

	static PartitionFailure failure(GroupContext context, PartitionEvidence.Failure failure) {
		return new PartitionFailure(failure.offset(), failure.attempts(), failure.exceptionClass(), failure.message(),
				Math.max(0, context.now.toEpochMilli() - failure.since()));
	}

	private static String paused(GroupContext context, List<TopicPartition> partitions) {
		long since = partitions.stream()
			.map(context::pausedSince)
			.filter(Objects::nonNull)
			.mapToLong(Long::longValue)
			.min()
			.orElse(context.now.toEpochMilli());
		LocalListener listener = partitions.isEmpty() ? null : context.listenerOf(partitions.get(0));
		return Diagnoses.paused(partitions, (listener != null) ? listener.listenerId() : null,
				Instant.ofEpochMilli(since), listener != null && listener.paused());
	}

	private static List<TopicPartition> behind(List<PartitionAssessment> assessed, PartitionAssessment stuck) {
		return assessed.stream()
			.filter((partition) -> partition.cause() == Cause.BEHIND_STUCK_CALL && stuck.owner() != null
					&& stuck.owner().equals(partition.owner()))
			.map(PartitionAssessment::partition)
			.toList();
	}

	private static Optional<PartitionAssessment> first(List<PartitionAssessment> assessed, Cause cause) {
		return assessed.stream().filter((partition) -> partition.cause() == cause).findFirst();
	}

	private static @Nullable String listenerId(GroupContext context, TopicPartition partition) {
		LocalListener listener = context.listenerOf(partition);
		return (listener != null) ? listener.listenerId() : null;
	}

	/**
	 * When any of the member's partitions last had its committed offset move, within the
	 * window.
	 */
	private static @Nullable Instant lastProgress(GroupContext context, GroupObservation.Member member) {
		Instant last = null;
		List<Sample> samples = context.samples;
		for (int i = 1; i < samples.size(); i++) {
			Sample before = samples.get(i - 1);
			Sample after = samples.get(i);
			for (TopicPartition partition : member.assignment()) {
				if (!Objects.equals(before.committed().get(partition), after.committed().get(partition))) {
					last = after.time();
				}
			}
		}
		return last;
	}

	private static List<LocalListener> stoppedOnRequest(GroupContext context) {
		return context.input.listeners()
			.stream()
			.filter((listener) -> !listener.running() && !listener.failed())
			.toList();
	}

	/**
	 * A verdict with its diagnosis.
	 *
	 * @param verdict the verdict
	 * @param diagnosis the diagnosis
	 */
	record Judgement(Verdict verdict, String diagnosis) {

	}

}

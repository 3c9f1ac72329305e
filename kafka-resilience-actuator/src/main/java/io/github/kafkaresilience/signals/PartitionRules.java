package io.github.kafkaresilience.signals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Decides each partition's verdict and its cause. A partition is STUCK only on evidence
 * that nothing completes for it although it could: a listener call that does not return,
 * a record that keeps failing, or a member that made no progress on any of its
 * partitions. A partition waiting behind a busy consumer's backlog follows the group's
 * trend.
 *
 * @author kafka-resilience
 */
final class PartitionRules {

	static final Comparator<TopicPartition> PARTITION_ORDER = Comparator.comparing(TopicPartition::topic)
		.thenComparingInt(TopicPartition::partition);

	private PartitionRules() {
	}

	static List<PartitionAssessment> assess(GroupContext context) {
		List<TopicPartition> partitions = context.observation().partitions().stream().sorted(PARTITION_ORDER).toList();
		Set<String> stuckMembers = new HashSet<>();
		for (TopicPartition partition : partitions) {
			GroupObservation.Member owner = context.owner(partition);
			if (owner != null && context.isInstrumented(owner) && stuckCall(context, partition) != null) {
				stuckMembers.add(owner.clientId());
			}
		}
		List<PartitionAssessment> assessed = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			assessed.add(assess(context, partition, stuckMembers));
		}
		return assessed;
	}

	private static PartitionAssessment assess(GroupContext context, TopicPartition partition,
			Set<String> stuckMembers) {
		long lag = context.lag(partition);
		GroupObservation.Member owner = context.owner(partition);
		Cause cause = cause(context, partition, lag, owner, stuckMembers);
		return new PartitionAssessment(partition, lag, status(context, partition, cause), cause, owner);
	}

	private static Cause cause(GroupContext context, TopicPartition partition, long lag,
			GroupObservation.@Nullable Member owner, Set<String> stuckMembers) {
		if (lag == 0) {
			return Cause.CAUGHT_UP;
		}
		if (context.pausedSince(partition) != null) {
			return Cause.PAUSED;
		}
		if (owner == null || context.isInstrumented(owner)) {
			// A call blocked in this application holds its partitions through an eviction
			// and the rebalance that follows: the call is the cause, not the rebalance.
			Cause stuck = stuckCall(context, partition);
			if (stuck != null) {
				return stuck;
			}
		}
		if (owner == null && !context.observation().membershipKnown()) {
			return context.enoughData ? Cause.OWNER_UNKNOWN : Cause.COLLECTING;
		}
		if (!context.hasLiveOwner(partition) || owner == null) {
			return Cause.NO_OWNER;
		}
		if (!context.enoughData) {
			return Cause.COLLECTING;
		}
		if (context.positionAtEnd(partition) || markerOnly(context, partition, lag)) {
			return Cause.ONLY_MARKERS;
		}
		if (progressing(context, partition)) {
			return Cause.PROGRESSING;
		}
		if (stuckMembers.contains(owner.clientId())) {
			return Cause.BEHIND_STUCK_CALL;
		}
		if (context.referenceLag(partition) > 0 && memberStalled(context, owner)) {
			return Cause.MEMBER_STALLED;
		}
		return Cause.WAITING;
	}

	/**
	 * The local call evidence that makes a partition STUCK, if any.
	 */
	private static @Nullable Cause stuckCall(GroupContext context, TopicPartition partition) {
		if (context.lag(partition) == 0 || context.pausedSince(partition) != null) {
			return null;
		}
		PartitionEvidence evidence = context.evidence(partition);
		if (evidence == null) {
			return null;
		}
		if (poisoned(context, evidence)) {
			return Cause.POISON;
		}
		return blocked(context, evidence) ? Cause.BLOCKED_CALL : null;
	}

	/**
	 * The same record failed more than once, still fails, and has for at least one
	 * refresh: a retry sequence that ends within a refresh is not worth a STUCK.
	 */
	static boolean poisoned(GroupContext context, PartitionEvidence evidence) {
		PartitionEvidence.Failure failure = evidence.failure();
		PartitionEvidence.Call inFlight = evidence.inFlight();
		return failure != null && failure.attempts() >= 2 && (inFlight == null || inFlight.offset() == failure.offset())
				&& context.now.toEpochMilli() - failure.since() >= context.settings().refreshInterval().toMillis();
	}

	/**
	 * A listener call has run for the evidence span and for twice the slowest call that
	 * ever completed, so a listener whose calls are slow by nature is not blocked.
	 */
	static boolean blocked(GroupContext context, PartitionEvidence evidence) {
		PartitionEvidence.Call inFlight = evidence.inFlight();
		if (inFlight == null) {
			return false;
		}
		long running = context.now.toEpochMilli() - inFlight.since();
		long threshold = Math.max(context.settings().minimumSpan().toMillis(), 2 * evidence.slowestCallMs());
		return running >= threshold;
	}

	/**
	 * Under read_committed a partition that nothing was written to and that lags by one
	 * offset is most likely waiting on the last transaction's commit marker, which a
	 * consumer never commits past on its own.
	 */
	private static boolean markerOnly(GroupContext context, TopicPartition partition, long lag) {
		return context.readCommitted && lag <= 1 && context.endUnchanged(partition);
	}

	private static boolean progressing(GroupContext context, TopicPartition partition) {
		if (context.committedAdvanced(partition)) {
			return true;
		}
		PartitionEvidence evidence = context.evidence(partition);
		return context.completedRecently(evidence) || (evidence != null && evidence.inFlight() != null);
	}

	/**
	 * A member that made no progress on any of its partitions since the reference sample
	 * while at least one of them had unread records all along: blocked, paused elsewhere,
	 * or gone (a {@code kill -9} leaves it listed until its session expires).
	 */
	private static boolean memberStalled(GroupContext context, GroupObservation.Member member) {
		boolean waitingRecords = false;
		for (TopicPartition partition : member.assignment()) {
			if (progressing(context, partition)) {
				return false;
			}
			long lag = context.lag(partition);
			if (lag > 0 && context.referenceLag(partition) > 0 && !markerOnly(context, partition, lag)
					&& !context.positionAtEnd(partition) && context.pausedSince(partition) == null) {
				waitingRecords = true;
			}
		}
		return waitingRecords;
	}

	private static Verdict status(GroupContext context, TopicPartition partition, Cause cause) {
		return switch (cause) {
			case CAUGHT_UP, ONLY_MARKERS -> Verdict.OK;
			case PAUSED -> Verdict.PAUSED;
			case NO_OWNER -> context.rebalancing ? Verdict.REBALANCING : Verdict.STOPPED;
			case COLLECTING -> Verdict.UNKNOWN;
			case POISON, BLOCKED_CALL, BEHIND_STUCK_CALL, MEMBER_STALLED -> Verdict.STUCK;
			case PROGRESSING -> trend(context.lagChange(partition), context.settings());
			case WAITING, OWNER_UNKNOWN -> waiting(context, partition);
		};
	}

	/**
	 * A partition waiting its turn behind a busy consumer is as slow or as fast as the
	 * group.
	 */
	private static Verdict waiting(GroupContext context, TopicPartition partition) {
		Verdict own = trend(context.lagChange(partition), context.settings());
		Long total = context.totalLagChange();
		return (own != Verdict.OK || total == null) ? own : trend(total, context.settings());
	}

	static Verdict trend(long change, SignalsSettings settings) {
		if (change > settings.lagGrowthThreshold()) {
			return Verdict.SLOW;
		}
		if (-change > settings.lagGrowthThreshold()) {
			return Verdict.CATCHING_UP;
		}
		return Verdict.OK;
	}

	/**
	 * Why a partition has its verdict.
	 */
	enum Cause {

		/** No lag. */
		CAUGHT_UP,

		/** Lag that is only transaction markers or aborted records. */
		ONLY_MARKERS,

		/** Paused on request in this application. */
		PAUSED,

		/** No running consumer owns it. */
		NO_OWNER,

		/** Not enough samples yet. */
		COLLECTING,

		/** A record keeps failing. */
		POISON,

		/** A listener call does not return. */
		BLOCKED_CALL,

		/** Its consumer is held by a stuck call on another partition. */
		BEHIND_STUCK_CALL,

		/** Its member made no progress on any partition. */
		MEMBER_STALLED,

		/** Offsets move. */
		PROGRESSING,

		/** Its consumer is busy with other partitions. */
		WAITING,

		/**
		 * The broker would not say who owns it: judged by its lag alone, never STUCK or
		 * STOPPED.
		 */
		OWNER_UNKNOWN

	}

	/**
	 * One partition's lag, verdict and cause.
	 *
	 * @param partition the partition
	 * @param lag its lag
	 * @param status its verdict
	 * @param cause why
	 * @param owner the member that owns it, or {@code null}
	 */
	record PartitionAssessment(TopicPartition partition, long lag, Verdict status, Cause cause,
			GroupObservation.@Nullable Member owner) {

	}

}

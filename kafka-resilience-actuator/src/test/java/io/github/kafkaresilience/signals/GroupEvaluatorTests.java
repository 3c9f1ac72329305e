package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.evidence.OffsetJump;
import io.github.kafkaresilience.evidence.PartitionEvidence;
import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.signals.LagWindow.Sample;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class GroupEvaluatorTests {

	private static final TopicPartition P0 = new TopicPartition("orders", 0);

	private static final TopicPartition P1 = new TopicPartition("orders", 1);

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final SignalsSettings SETTINGS = new SignalsSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
			Duration.ofSeconds(5), 100, 1.0, 0.8, 20);

	private final List<Sample> samples = new ArrayList<>();

	private List<GroupObservation.Member> members = List
		.of(new GroupObservation.Member("c-0", null, "/10.0.0.1", Set.of(P0, P1)));

	private List<LocalListener> listeners = List.of(listener(true, true, null, null));

	private GroupState state = GroupState.STABLE;

	private List<RebalanceEvent> events = List.of();

	private List<Instant> rebalanceTimes = List.of();

	private List<ConsumerIncident> incidents = List.of();

	private List<RecordLoss> losses = List.of();

	private Map<TopicPartition, Long> lastCommitted = Map.of();

	private Map<TopicPartition, Long> lastEnd = Map.of();

	@Test
	void noLagIsOk() {
		sample(0, Map.of(P0, 10L, P1, 10L), Map.of(P0, 10L, P1, 10L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.OK);
		assertThat(group.lag().total()).isZero();
		assertThat(group.lag().partitions()).extracting(PartitionSignals::status).containsOnly(Verdict.OK);
	}

	@Test
	void lagWithoutEnoughHistoryIsUnknown() {
		sample(0, Map.of(P0, 5L, P1, 10L), Map.of(P0, 10L, P1, 10L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.UNKNOWN);
		assertThat(group.diagnosis()).contains("Collecting data");
	}

	@Test
	void risingLagWhileOffsetsAdvanceIsSlow() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 100L * i, P1, 0L), Map.of(P0, 300L * i, P1, 0L));
		}
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.SLOW);
		assertThat(group.lag().ratePerSecond()).isEqualTo(20.0);
		assertThat(group.diagnosis()).contains("rising by 20 records/s");
		assertThat(partition(group, P0).status()).isEqualTo(Verdict.SLOW);
		assertThat(partition(group, P1).status()).isEqualTo(Verdict.OK);
	}

	@Test
	void fallingLagIsCatchingUpNotAProblem() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 200L * i, P1, 0L), Map.of(P0, 1300L, P1, 0L));
		}
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.CATCHING_UP);
		assertThat(group.lag().catchUpSeconds()).isEqualTo(5L);
	}

	@Test
	void steadyLagWithProgressIsOk() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 100L * i, P1, 0L), Map.of(P0, 100L * i + 50, P1, 0L));
		}
		assertThat(evaluate().status()).isEqualTo(Verdict.OK);
	}

	@Test
	void ownedPartitionWhoseCommitDoesNotMoveIsStuck() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 0L), Map.of(P0, 40L + 10 * i, P1, 0L));
		}
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STUCK);
		assertThat(group.diagnosis()).contains("orders-0").contains("no progress");
	}

	@Test
	void partitionStuckOnAnotherInstanceIsNotThisInstancesProblem() {
		this.members = List.of(new GroupObservation.Member("c-0", null, "/10.0.0.1", Set.of(P1)),
				new GroupObservation.Member("remote-1", null, "/10.0.0.2", Set.of(P0)));
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 10L * i), Map.of(P0, 40L + 10 * i, P1, 10L * i));
		}
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STUCK);
		assertThat(group.localStatus()).isEqualTo(Verdict.OK);
	}

	@Test
	void partitionStuckOnThisInstanceIsItsProblem() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 0L), Map.of(P0, 40L + 10 * i, P1, 0L));
		}
		assertThat(evaluate().localStatus()).isEqualTo(Verdict.STUCK);
	}

	@Test
	void commitThatStoppedHalfAWindowAgoIsStuckAlready() {
		for (int i = 0; i <= 6; i++) {
			long committed = Math.min(i, 3) * 10L;
			sample(i * 10, Map.of(P0, committed, P1, 0L), Map.of(P0, 10L * i + 5, P1, 0L));
		}
		assertThat(evaluate().status()).isEqualTo(Verdict.STUCK);
	}

	@Test
	void recoveryAfterAStallIsNeverSlow() {
		long[] lag = { 0, 100, 200, 300, 200, 100, 50 };
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 1000L * i, P1, 0L), Map.of(P0, 1000L * i + lag[i], P1, 0L));
		}
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.CATCHING_UP);
		assertThat(group.diagnosis()).contains("falling by");
	}

	@Test
	void growthSpreadOverPartitionsMakesTheGroupSlow() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 100L * i, P1, 100L * i), Map.of(P0, 100L * i + 20 * i, P1, 100L * i + 20 * i));
		}
		GroupSignals group = evaluate();
		assertThat(group.lag().partitions()).extracting(PartitionSignals::status).containsOnly(Verdict.OK);
		assertThat(group.status()).isEqualTo(Verdict.SLOW);
	}

	@Test
	void runningListenerWithoutMemberWasEvictedAndIsStuck() {
		this.members = List.of();
		this.state = GroupState.EMPTY;
		this.listeners = List.of(listener(true, true, null, 65.0));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 7L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STUCK);
		assertThat(group.diagnosis()).contains("evicted for exceeding max.poll.interval.ms");
	}

	@Test
	void partitionWithoutOwnerIsStopped() {
		this.members = List.of(new GroupObservation.Member("c-0", null, "/10.0.0.1", Set.of(P0)));
		sample(0, Map.of(P0, 10L, P1, 0L), Map.of(P0, 10L, P1, 5L));
		GroupSignals group = evaluate();
		assertThat(partition(group, P1).status()).isEqualTo(Verdict.STOPPED);
		assertThat(partition(group, P1).owner()).isNull();
		assertThat(group.membership().unassignedPartitions()).isEqualTo(1);
		assertThat(group.status()).isEqualTo(Verdict.STOPPED);
		assertThat(codes(group)).contains("unassigned-partitions");
	}

	@Test
	void partitionsOfAStoppedLocalStaticMemberHaveNoLiveOwner() {
		this.members = List.of(new GroupObservation.Member("c-0", "orders-0-orders-0", "/10.0.0.1", Set.of(P0, P1)));
		this.listeners = List.of(new LocalListener("orders", "orders", false, true, false, Reason.NORMAL, 1, Set.of(),
				"orders-0-orders", null, null, null, null, null));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 5L, P1, 5L));
		GroupSignals group = evaluate();
		assertThat(group.membership().unassignedPartitions()).isEqualTo(2);
		assertThat(group.lag().partitions()).extracting(PartitionSignals::status).containsOnly(Verdict.STOPPED);
		assertThat(group.diagnosis()).contains("stopped on request");
	}

	@Test
	void emptyGroupWithLagIsStopped() {
		this.members = List.of();
		this.state = GroupState.EMPTY;
		this.listeners = List.of(listener(false, true, Reason.NORMAL, null));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 7L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STOPPED);
		assertThat(group.diagnosis()).contains("No consumer is in the group").contains("stopped on request");
		assertThat(codes(group)).contains("listener-stopped");
	}

	@Test
	void failedListenerIsStoppedWithTheReasonAndFix() {
		this.listeners = List.of(listener(false, false, Reason.ERROR, null));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STOPPED);
		assertThat(group.diagnosis()).contains("(ERROR)").contains("Error escaped the listener");
		assertThat(group.listeners()).extracting(ListenerSignals::state).containsExactly(ListenerState.FAILED);
		assertThat(codes(group)).contains("listener-failed");
	}

	@Test
	void rebalancingGroupSaysSo() {
		this.state = GroupState.PREPARING_REBALANCE;
		this.members = List.of(new GroupObservation.Member("c-0", null, "/10.0.0.1", Set.of()));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 3L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.REBALANCING);
		assertThat(partition(group, P0).status()).isEqualTo(Verdict.REBALANCING);
	}

	@Test
	void pollLoopBlockedBeyondMaxPollIntervalIsStuck() {
		this.listeners = List.of(listener(true, true, null, 301.0));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STUCK);
		assertThat(group.diagnosis()).contains("poll loop has not returned for 301 s");
		assertThat(group.poll().maxPollIntervalUsedRatio()).isGreaterThan(1.0);
	}

	@Test
	void pollIntervalNearTheLimitIsAFinding() {
		this.listeners = List.of(new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("c-0"), null,
				1000.0, 250_000.0, 0.1, null, settings(300_000)));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.OK);
		assertThat(group.poll().maxPollIntervalMs()).isEqualTo(300_000);
		assertThat(group.poll().maxPollIntervalUsedRatio()).isEqualTo(0.8333);
		assertThat(group.findings()).filteredOn((finding) -> finding.code().equals("poll-interval-near-limit"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("83 % of max.poll.interval.ms")
				.contains("Lower max.poll.records"));
	}

	@Test
	void moreConsumersThanPartitionsShowIdleMembers() {
		this.members = List.of(new GroupObservation.Member("c-0", null, "h", Set.of(P0)),
				new GroupObservation.Member("c-1", null, "h", Set.of(P1)),
				new GroupObservation.Member("c-2", null, "h", Set.of()));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.membership().idleMembers()).isEqualTo(1);
		assertThat(group.membership().members()).isEqualTo(3);
		assertThat(codes(group)).contains("idle-members");
	}

	@Test
	void manyRebalancesInAnHourAreAStorm() {
		List<Instant> times = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			times.add(T0.minusSeconds(60L * i));
		}
		Collections.reverse(times);
		this.rebalanceTimes = times;
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.rebalances().ratePerHour()).isEqualTo(25.0);
		assertThat(group.rebalances().lastSecondsAgo()).isZero();
		assertThat(codes(group)).contains("rebalance-storm");
	}

	@Test
	void lostPartitionsAreReportedWithTheFix() {
		this.events = List.of(
				new RebalanceEvent(T0.minusSeconds(30), RebalanceEventType.LOST, "orders", "c-0", null, 3,
						List.of(P0, P1), 0, -1),
				new RebalanceEvent(T0.minusSeconds(20), RebalanceEventType.ASSIGNED, "orders", "c-0", null, 5,
						List.of(P0, P1), 0, 10_000));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		GroupSignals group = evaluate();
		assertThat(group.rebalances().lastDurationMs()).isEqualTo(10_000);
		assertThat(group.rebalances().recent()).hasSize(2);
		assertThat(group.findings()).filteredOn((finding) -> finding.code().equals("partitions-lost"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("max.poll.interval.ms"));
	}

	@Test
	void membershipIncidentsAreErrors() {
		this.incidents = List.of(new ConsumerIncident(T0, ConsumerIncident.Kind.FENCED_INSTANCE_ID, "orders", "c-0",
				"orders-0-orders-0", "give every consumer a unique id"));
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		assertThat(evaluate().findings()).anySatisfy((finding) -> {
			assertThat(finding.code()).isEqualTo("fenced-instance-id");
			assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
		});
	}

	@Test
	void slopeIsLeastSquaresPerSecond() {
		List<Sample> series = List.of(new Sample(T0, Map.of(P0, 0L), Map.of()),
				new Sample(T0.plusSeconds(1), Map.of(P0, 10L), Map.of()),
				new Sample(T0.plusSeconds(2), Map.of(P0, 20L), Map.of()));
		assertThat(LagWindow.slopePerSecond(series, Sample::totalLag)).isEqualTo(10.0);
	}

	@Test
	void windowKeepsOneSampleAtOrBeforeItsStart() {
		LagWindow window = new LagWindow();
		for (int i = 0; i <= 10; i++) {
			window.add(new Sample(T0.plusSeconds(10L * i), Map.of(), Map.of()), Duration.ofSeconds(30));
		}
		assertThat(window.samples()).extracting(Sample::time)
			.containsExactly(T0.plusSeconds(70), T0.plusSeconds(80), T0.plusSeconds(90), T0.plusSeconds(100));
	}

	@Test
	void partitionWaitingBehindABusyConsumerIsSlowNotStuck() {
		// P0 drains while P1 waits its turn: the committed offset of P1 never moves.
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 300L * i, P1, 0L), Map.of(P0, 1000L + 500L * i, P1, 1000L + 500L * i));
		}
		this.listeners = List.of(instrumented(Map.of(P0, completedAt(T0.plusSeconds(60)))));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.SLOW);
		assertThat(partition(group, P1).status()).isEqualTo(Verdict.SLOW);
		assertThat(group.lag().partitions()).extracting(PartitionSignals::status).doesNotContain(Verdict.STUCK);
	}

	@Test
	void remoteMemberBusyOnAnotherPartitionIsNotStuck() {
		this.members = List.of(new GroupObservation.Member("remote-1", null, "/10.0.0.2", Set.of(P0, P1)));
		this.listeners = List.of();
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 300L * i, P1, 0L), Map.of(P0, 1000L + 300L * i, P1, 1000L));
		}
		assertThat(evaluate().status()).isNotEqualTo(Verdict.STUCK);
	}

	@Test
	void recordThatKeepsFailingIsAPoisonPillNamedWithOffsetAndException() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 0L), Map.of(P0, 50L, P1, 0L));
		}
		PartitionEvidence poisoned = new PartitionEvidence(40, 12, 0, -1, T0.toEpochMilli(), T0.toEpochMilli(), null,
				new PartitionEvidence.Failure(40, 12, T0.toEpochMilli(), "java.lang.IllegalStateException",
						"bad order"),
				5, 1.0);
		this.listeners = List.of(instrumented(Map.of(P0, poisoned)));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STUCK);
		assertThat(group.diagnosis()).contains("orders-0").contains("offset 40").contains("IllegalStateException");
		assertThat(partition(group, P0).failure()).satisfies((failure) -> {
			assertThat(failure.offset()).isEqualTo(40);
			assertThat(failure.attempts()).isEqualTo(12);
		});
		assertThat(codes(group)).contains("poison-pill");
	}

	@Test
	void callThatDoesNotReturnIsStuckWithTheRecord() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 0L), Map.of(P0, 50L, P1, 0L));
		}
		PartitionEvidence blocked = new PartitionEvidence(40, 0, 0, -1, T0.toEpochMilli(), T0.toEpochMilli(),
				new PartitionEvidence.Call(40, T0.toEpochMilli(), T0.toEpochMilli()), null, 5, 1.0);
		this.listeners = List.of(instrumented(Map.of(P0, blocked)));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.STUCK);
		assertThat(group.localStatus()).isEqualTo(Verdict.STUCK);
		assertThat(group.diagnosis()).contains("has not returned for 60 s").contains("orders-0 at offset 40");
	}

	@Test
	void slowCallsByNatureAreNotBlocked() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 0L), Map.of(P0, 50L, P1, 0L));
		}
		PartitionEvidence slowBatch = new PartitionEvidence(40, 0, 0, -1, T0.toEpochMilli(), T0.toEpochMilli(),
				new PartitionEvidence.Call(40, T0.toEpochMilli(), T0.toEpochMilli()), null, 45_000, 90.0);
		this.listeners = List.of(instrumented(Map.of(P0, slowBatch)));
		assertThat(evaluate().status()).isNotEqualTo(Verdict.STUCK);
	}

	@Test
	void pausedPartitionsArePausedNeverStuckOrSlow() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 40L, P1, 0L), Map.of(P0, 40L + 100L * i, P1, 0L));
		}
		this.listeners = List.of(new LocalListener("orders", "orders", true, true, true, null, 1, Set.of("c-0"), null,
				null, null, null, null, null, new ListenerEvidence(Map.of(),
						Map.of(P0, T0.toEpochMilli(), P1, T0.toEpochMilli()), Map.of(), false, true)));
		GroupSignals group = evaluate();
		assertThat(group.status()).isEqualTo(Verdict.PAUSED);
		assertThat(group.localStatus()).isEqualTo(Verdict.PAUSED);
		assertThat(group.diagnosis()).contains("paused its container");
		assertThat(partition(group, P0).pausedSinceMs()).isEqualTo(T0.toEpochMilli());
		assertThat(codes(group)).contains("paused");
	}

	@Test
	void commitMarkerLagOfAnIdleReadCommittedGroupIsOk() {
		this.members = List.of(new GroupObservation.Member("remote-1", null, "/10.0.0.2", Set.of(P0, P1)));
		this.listeners = List.of(new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("c-0"), null,
				null, null, null, null, null, new ListenerEvidence(Map.of(), Map.of(), Map.of(), true, true)));
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 20L, P1, 30L), Map.of(P0, 21L, P1, 31L));
		}
		assertThat(evaluate().status()).isEqualTo(Verdict.OK);
	}

	@Test
	void recordsDeletedBeforeTheyWereReadAreAnErrorWithTheCount() {
		sample(0, Map.of(P0, 10L, P1, 0L), Map.of(P0, 100L, P1, 0L));
		this.losses = List.of(new RecordLoss(T0, P0, 10, 60, false));
		GroupSignals group = evaluate();
		assertThat(group.findings()).filteredOn((finding) -> finding.code().equals("records-lost"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("50 records").contains("orders-0"));
	}

	@Test
	void lossTrackerCountsEachLostOffsetOnce() {
		LossTracker tracker = new LossTracker();
		tracker.observe(T0, Map.of(P0, 10L), Map.of(P0, 60L));
		tracker.observe(T0.plusSeconds(10), Map.of(P0, 10L), Map.of(P0, 60L));
		tracker.observe(T0.plusSeconds(20), Map.of(P0, 10L), Map.of(P0, 80L));
		assertThat(tracker.total()).isEqualTo(70);
		assertThat(tracker.recent()).hasSize(2);
	}

	@Test
	void offsetResetPastDeletedRecordsCountsOnlyTheDeletedOnesAndOnce() {
		LossTracker tracker = new LossTracker();
		// The consumer had read up to 39 and committed 30; retention moved the log start
		// to 60 and auto.offset.reset took it there.
		tracker.observe(T0, Map.of(P0, 30L), Map.of(P0, 60L), Map.of(P0, List.of(new OffsetJump(40, 60, 0))));
		tracker.observe(T0.plusSeconds(10), Map.of(P0, 30L), Map.of(P0, 60L), Map.of());
		assertThat(tracker.total()).isEqualTo(20);
		assertThat(tracker.recent()).singleElement().satisfies((loss) -> assertThat(loss.reset()).isTrue());
	}

	@Test
	void overloadedGroupNeedsConsumersInProportionToTheRates() {
		// 150 records/s produced, 50 consumed by the one member: three consumers keep up.
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 250L * i, P1, 250L * i), Map.of(P0, 750L * i, P1, 750L * i));
		}
		GroupSignals group = evaluate();
		assertThat(group.capacity().productionPerSecond()).isEqualTo(150.0);
		assertThat(group.capacity().consumptionPerSecond()).isEqualTo(50.0);
		assertThat(group.capacity().consumersNeeded()).isEqualTo(2);
		assertThat(codes(group)).contains("partition-limit");
	}

	@Test
	void timeBehindIsLagOverTheArrivalRateWhenNoRecordIsInHand() {
		for (int i = 0; i <= 6; i++) {
			sample(i * 10, Map.of(P0, 100L * i, P1, 0L), Map.of(P0, 100L * i + 500, P1, 0L));
		}
		GroupSignals group = evaluate();
		assertThat(partition(group, P0).timeBehindMs()).isEqualTo(50_000);
		assertThat(partition(group, P0).timeBehindSource()).isEqualTo(TimeBehindSource.ESTIMATE);
		assertThat(partition(group, P1).timeBehindMs()).isZero();
	}

	@Test
	void twoEvictionsNameTheBatchSizeThatWouldFit() {
		sample(0, Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L));
		this.events = List.of(
				new RebalanceEvent(T0.minusSeconds(30), RebalanceEventType.LOST, "orders", "c-0", null, 3, List.of(P0),
						0, -1),
				new RebalanceEvent(T0.minusSeconds(10), RebalanceEventType.LOST, "orders", "c-0", null, 3, List.of(P0),
						0, -1));
		ListenerSettings settings = new ListenerSettings("orders", "orders", GroupProtocol.CLASSIC, 1,
				List.of(new EffectiveSetting("max.poll.interval.ms", "2000", SettingSource.USER),
						new EffectiveSetting("max.poll.records", "5", SettingSource.USER)),
				List.of());
		this.listeners = List.of(new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("c-0"), null,
				null, 5200.0, null, null, settings,
				new ListenerEvidence(Map.of(P0, new PartitionEvidence(10, 0, 0, -1, T0.toEpochMilli(),
						T0.toEpochMilli(), null, null, 1000, 1000.0)), Map.of(), Map.of(), false, true)));
		GroupSignals group = evaluate();
		assertThat(group.findings()).filteredOn((finding) -> finding.code().equals("max-poll-interval-exceeded"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("5200 ms")
				.contains("max.poll.records from 5 to 1")
				.contains("max.poll.interval.ms from 2000 to 10400"));
	}

	private void sample(int secondsBeforeNow, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
		// samples are added oldest first; seconds count back from the last one
		Map<TopicPartition, Long> lag = new HashMap<>();
		end.forEach((tp, offset) -> lag.put(tp, Math.max(0, offset - committed.getOrDefault(tp, 0L))));
		this.samples.add(new Sample(T0.plusSeconds(secondsBeforeNow), lag, committed, end));
		this.lastCommitted = committed;
		this.lastEnd = end;
	}

	private GroupSignals evaluate() {
		Instant now = this.samples.get(this.samples.size() - 1).time();
		GroupObservation observation = new GroupObservation("orders", this.state, GroupProtocol.CLASSIC, this.members,
				Set.of(P0, P1), this.lastCommitted, this.lastEnd, Map.of());
		return GroupEvaluator.evaluate(new GroupEvaluator.Input(now.isBefore(T0) ? T0 : now, observation, this.samples,
				this.listeners, this.events, this.rebalanceTimes.size(), this.rebalanceTimes, this.incidents, SETTINGS,
				this.losses, this.losses.stream().mapToLong(RecordLoss::records).sum()));
	}

	private static LocalListener listener(boolean running, boolean inExpectedState, Reason stopReason,
			Double lastPollSecondsAgo) {
		return new LocalListener("orders", "orders", running, inExpectedState, false, stopReason, 1, Set.of("c-0"),
				null, null, null, lastPollSecondsAgo, null, null);
	}

	private static LocalListener instrumented(Map<TopicPartition, PartitionEvidence> progress) {
		return new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("c-0"), null, null, null, null,
				null, null, new ListenerEvidence(progress, Map.of(), Map.of(), false, true));
	}

	private static PartitionEvidence completedAt(Instant time) {
		return new PartitionEvidence(100, 0, 0, -1, time.toEpochMilli(), time.toEpochMilli(), null, null, 5, 1.0);
	}

	private static ListenerSettings settings(long maxPollInterval) {
		return new ListenerSettings("orders", "orders", GroupProtocol.CLASSIC, 1,
				List.of(new EffectiveSetting("max.poll.interval.ms", Long.toString(maxPollInterval),
						SettingSource.KAFKA_RESILIENCE)),
				List.of());
	}

	private static PartitionSignals partition(GroupSignals group, TopicPartition partition) {
		return group.lag()
			.partitions()
			.stream()
			.filter((candidate) -> candidate.partition() == partition.partition())
			.findFirst()
			.orElseThrow();
	}

	private static List<String> codes(GroupSignals group) {
		return group.findings().stream().map(Finding::code).toList();
	}

}

package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who scans a group with {@link GroupScan#ONE_PER_GROUP}, and what a follower makes of
 * its own consumers.
 */
class OnePerGroupScanTests {

	private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

	private static final TopicPartition P0 = new TopicPartition("orders", 0);

	private static final TopicPartition P1 = new TopicPartition("orders", 1);

	private static final TopicPartition P2 = new TopicPartition("orders", 2);

	private static final TopicPartition P3 = new TopicPartition("orders", 3);

	private static final SignalsSettings ONE_PER_GROUP = new SignalsSettings(Duration.ofSeconds(10),
			Duration.ofSeconds(60), Duration.ofSeconds(5), 100, 1.0, 0.8, 20, GroupScan.ONE_PER_GROUP);

	private static final SignalsSettings EVERY_INSTANCE = new SignalsSettings(Duration.ofSeconds(10),
			Duration.ofSeconds(60), Duration.ofSeconds(5), 100, 1.0, 0.8, 20);

	/** Two members: "other" owns the first partition, "mine" the last two. */
	private static final GroupObservation SCAN = new GroupObservation("orders", GroupState.STABLE,
			GroupProtocol.CLASSIC,
			List.of(new GroupObservation.Member("other", null, "/10.0.0.1", Set.of(P0, P1)),
					new GroupObservation.Member("mine", "pod-1", "/10.0.0.2", Set.of(P2, P3))),
			Set.of(P0, P1, P2, P3), Map.of(P0, 10L, P1, 10L, P2, 100L, P3, 200L),
			Map.of(P0, 10L, P1, 10L, P2, 150L, P3, 200L), Map.of(P2, 5L, P3, 5L));

	@Test
	void everyInstanceScansOnEveryRefresh() {
		GroupScans scans = new GroupScans(EVERY_INSTANCE);
		scans.scanned("orders", SCAN, T0);
		assertThat(scans.role("orders", List.of(holding(Set.of(P2, P3), true)), T0.plusSeconds(10)))
			.isEqualTo(GroupScans.Role.SCANNER);
	}

	@Test
	void instanceScansUntilItHasSeenTheGroupOnce() {
		GroupScans scans = new GroupScans(ONE_PER_GROUP);
		assertThat(scans.role("orders", List.of(holding(Set.of(P2, P3), true)), T0)).isEqualTo(GroupScans.Role.SCANNER);
	}

	@Test
	void ownerOfTheFirstPartitionScansOnEveryRefresh() {
		GroupScans scans = new GroupScans(ONE_PER_GROUP);
		scans.scanned("orders", SCAN, T0);
		assertThat(scans.role("orders", List.of(holding(Set.of(P0, P1), true)), T0.plusSeconds(10)))
			.isEqualTo(GroupScans.Role.SCANNER);
	}

	@Test
	void followerScansTheGroupEveryTwoRefreshesPerMember() {
		GroupScans scans = new GroupScans(ONE_PER_GROUP);
		scans.scanned("orders", SCAN, T0);
		List<LocalListener> mine = List.of(holding(Set.of(P2, P3), true));
		assertThat(scans.role("orders", mine, T0.plusSeconds(10))).isEqualTo(GroupScans.Role.FOLLOWER);
		assertThat(scans.role("orders", mine, T0.plusSeconds(39))).isEqualTo(GroupScans.Role.FOLLOWER);
		assertThat(scans.role("orders", mine, T0.plusSeconds(40))).isEqualTo(GroupScans.Role.FOLLOWER_SCANNING);
	}

	@Test
	void followerHoldingAPartitionTheLastScanDidNotKnowScansAtOnce() {
		GroupScans scans = new GroupScans(ONE_PER_GROUP);
		scans.scanned("orders", SCAN, T0);
		TopicPartition added = new TopicPartition("payments", 0);
		assertThat(scans.role("orders", List.of(holding(Set.of(P2, added), true)), T0.plusSeconds(10)))
			.isEqualTo(GroupScans.Role.FOLLOWER_SCANNING);
	}

	@Test
	void listenerWithoutRecordedCallsIsNeverJudgedFromItsConsumersAlone() {
		GroupScans scans = new GroupScans(ONE_PER_GROUP);
		scans.scanned("orders", SCAN, T0);
		assertThat(scans.role("orders", List.of(holding(Set.of(P2, P3), false)), T0.plusSeconds(10)))
			.isEqualTo(GroupScans.Role.SCANNER);
	}

	@Test
	void scannerIsTheMemberOwningTheFirstPartitionAtTheScan() {
		assertThat(GroupScans.scanner(SCAN)).isEqualTo(new Owner("other", null, "/10.0.0.1"));
	}

	@Test
	void localObservationHoldsOwnPartitionsWithTheConsumersLagAndTheListenersPosition() {
		PartitionEvidence completedThrough149 = new PartitionEvidence(50, 0, 0, -1, 0, 0, null, null, 5, 1.0, 150);
		PartitionEvidence running = new PartitionEvidence(0, 0, 0, -1, 0, 0,
				new PartitionEvidence.Call(200, T0.toEpochMilli(), 0), null, 5, 1.0, -1);
		LocalListener listener = new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("mine"), null,
				null, null, null, null, null,
				new ListenerEvidence(Map.of(P2, completedThrough149, P3, running), Map.of(), Map.of(P2, 30L, P3, 0L),
						false, true, Map.of("mine", Set.of(P2, P3)), Map.of(P2, 160L)));
		GroupObservation local = LocalObservations.of(SCAN, List.of(listener));
		assertThat(local.partitions()).containsExactlyInAnyOrder(P2, P3);
		assertThat(local.members()).singleElement().satisfies((member) -> {
			assertThat(member.clientId()).isEqualTo("mine");
			assertThat(member.instanceId()).isEqualTo("pod-1");
			assertThat(member.assignment()).containsExactlyInAnyOrder(P2, P3);
		});
		assertThat(local.committed()).containsEntry(P2, 150L).containsEntry(P3, 200L);
		// P2: the consumer's position is 5 + 160 = 165, so 15 records fetched and not
		// done, and 30 more to fetch. P3 has no records-lead yet: the record its running
		// call holds still counts, although the consumer's position is past it.
		assertThat(local.lag(P2)).isEqualTo(45);
		assertThat(local.lag(P3)).isEqualTo(1);
		assertThat(local.membershipKnown()).isTrue();
	}

	@Test
	void partitionNotProcessedYetStartsFromTheCommittedOffsetOfTheLastScan() {
		LocalListener listener = new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("mine"), null,
				null, null, null, null, null,
				new ListenerEvidence(Map.of(), Map.of(), Map.of(P2, 50L), false, true, Map.of("mine", Set.of(P2))));
		GroupObservation local = LocalObservations.of(SCAN, List.of(listener));
		assertThat(local.committed()).containsEntry(P2, 100L);
		assertThat(local.lag(P2)).isEqualTo(50);
	}

	private static LocalListener holding(Set<TopicPartition> partitions, boolean instrumented) {
		return new LocalListener("orders", "orders", true, true, false, null, 1, Set.of("mine"), null, null, null, null,
				null, null,
				new ListenerEvidence(Map.of(), Map.of(), Map.of(), false, instrumented, Map.of("mine", partitions)));
	}

}

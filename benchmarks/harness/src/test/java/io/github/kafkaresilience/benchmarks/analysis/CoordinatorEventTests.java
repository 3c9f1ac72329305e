package io.github.kafkaresilience.benchmarks.analysis;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import io.github.kafkaresilience.benchmarks.analysis.CoordinatorEvent.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorEventTests {

	private static final String PREFIX = "2026-11-21T12:07:56.450Z INFO  [group-coordinator-event-processor-1] "
			+ "o.a.k.c.group.GroupMetadataManager - [GroupCoordinator id=1 topic=__consumer_offsets partition=0] ";

	private final Function<String, Optional<CoordinatorEvent>> parser = CoordinatorEvent.parser("bench");

	@Test
	void stabilizedLineGivesGenerationAndTime() {
		CoordinatorEvent event = this.parser.apply(PREFIX + "Stabilized group bench generation 3 with 2 members.")
			.orElseThrow();
		assertThat(event.kind()).isEqualTo(Kind.STABILIZED);
		assertThat(event.generation()).isEqualTo(3);
		assertThat(event.atMs()).isEqualTo(Instant.parse("2026-11-21T12:07:56.450Z").toEpochMilli());
	}

	@Test
	void preparingLineGivesOldGeneration() {
		assertThat(this.parser.apply(PREFIX + "Preparing to rebalance group bench in state PreparingRebalance with "
				+ "old generation 2 (reason: explicit `LeaveGroup` request for (app-1-0-x) members.)."))
			.hasValueSatisfying((event) -> {
				assertThat(event.kind()).isEqualTo(Kind.PREPARING_REBALANCE);
				assertThat(event.generation()).isEqualTo(2);
			});
	}

	@Test
	void classicLeaveIsALeave() {
		assertThat(this.parser.apply(PREFIX + "[Group bench] Member app-1-0-x has left group through explicit "
				+ "`LeaveGroup` request; client reason: the consumer unsubscribed from all topics"))
			.hasValueSatisfying((event) -> assertThat(event.kind()).isEqualTo(Kind.LEFT));
	}

	@Test
	void consumerProtocolAssignmentGivesEpoch() {
		assertThat(this.parser.apply(PREFIX + "[GroupId bench] Computed a new target assignment for epoch 7 with "
				+ "'uniform' assignor in 1ms."))
			.hasValueSatisfying((event) -> {
				assertThat(event.kind()).isEqualTo(Kind.TARGET_ASSIGNMENT);
				assertThat(event.generation()).isEqualTo(7);
			});
	}

	@Test
	void staticTemporaryLeaveIsNotALeave() {
		assertThat(this.parser.apply(PREFIX + "[GroupId bench] Static member m1 with instance id app-1-bench-0 "
				+ "temporarily left the consumer group."))
			.hasValueSatisfying((event) -> assertThat(event.kind()).isEqualTo(Kind.LEFT_TEMPORARILY));
	}

	@Test
	void otherGroupsAndUntimedLinesAreIgnored() {
		assertThat(this.parser.apply(PREFIX + "Stabilized group bench2 generation 3 with 2 members.")).isEmpty();
		assertThat(this.parser.apply("Stabilized group bench generation 3 with 2 members.")).isEmpty();
	}

}

package io.github.kafkaresilience.benchmarks.analysis;

import java.util.List;
import java.util.Properties;

import io.github.kafkaresilience.benchmarks.analysis.CoordinatorEvent.Kind;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunAnalysisTests {

	// Two partitions, records every 100 ms on each; b restarts between 2000 and 6000.
	private static final List<RunEvent> EVENTS = List.of(new RunEvent(0, Type.PRODUCTION_STARTED, "", ""),
			new RunEvent(1500, Type.ROLL_STARTED, "", ""), new RunEvent(2000, Type.SIGTERM_SENT, "b", ""),
			new RunEvent(2100, Type.INSTANCE_EXITED, "b", ""), new RunEvent(6000, Type.INSTANCE_HEALTHY, "b", ""),
			new RunEvent(6000, Type.ROLL_FINISHED, "", ""), new RunEvent(8000, Type.SETTLED, "", ""));

	@Test
	void countsLostAndDuplicatedRecords() {
		List<Produced> produced = List.of(new Produced("k0", 0, 0, 0), new Produced("k1", 0, 1, 100),
				new Produced("k2", 0, 2, 200));
		List<Consumed> consumed = List.of(new Consumed("a", 0, 0, "k0", 0, 10), new Consumed("a", 0, 1, "k1", 100, 110),
				new Consumed("b", 0, 1, "k1", 100, 900));
		RunResult result = analysis(produced, consumed, List.of()).result();
		assertThat(result.produced()).isEqualTo(3);
		assertThat(result.consumed()).isEqualTo(2);
		assertThat(result.lost()).isEqualTo(1);
		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.keyMismatches()).isZero();
	}

	@Test
	void stallOnRestartingInstanceCountsButIsNotUntouched() {
		// Partition 1 (owned by b) stalls from 2000 to 4000 while b restarts; partition 0
		// (a) has a 1500 ms gap from 6000 to 7500 after b is back.
		List<Produced> produced = List.of(new Produced("p0a", 0, 0, 5900), new Produced("p0b", 0, 1, 6000),
				new Produced("p1a", 1, 0, 1900), new Produced("p1b", 1, 1, 2000));
		List<Consumed> consumed = List.of(new Consumed("a", 0, 0, "p0a", 5900, 6000),
				new Consumed("a", 0, 1, "p0b", 6000, 7500), new Consumed("b", 1, 0, "p1a", 1900, 2000),
				new Consumed("c", 1, 1, "p1b", 2000, 4000));
		RunResult result = analysis(produced, consumed, List.of()).result();
		assertThat(result.stalledPartitionMs()).isEqualTo(2000 + 1500);
		assertThat(result.longestGapMs()).isEqualTo(2000);
		assertThat(result.longestGapUntouchedMs()).isEqualTo(1500);
		assertThat(result.longestGapSameOwnerMs()).isEqualTo(1500);
		assertThat(result.latencyMaxMs()).isEqualTo(2000);
	}

	@Test
	void rebalancesAreGenerationsStabilizedDuringTheRoll() {
		List<CoordinatorEvent> coordinator = List.of(new CoordinatorEvent(500, Kind.STABILIZED, 1, ""),
				new CoordinatorEvent(2050, Kind.PREPARING_REBALANCE, 1, ""),
				new CoordinatorEvent(2100, Kind.STABILIZED, 2, ""), new CoordinatorEvent(5000, Kind.STABILIZED, 3, ""),
				new CoordinatorEvent(9000, Kind.STABILIZED, 4, ""));
		RunResult result = analysis(List.of(), List.of(), coordinator).result();
		assertThat(result.rebalances()).isEqualTo(2);
		assertThat(result.joinPhases()).isEqualTo(1);
		assertThat(result.meanStopMs()).isEqualTo(100);
		assertThat(result.meanBackMs()).isEqualTo(3900);
	}

	private static RunAnalysis analysis(List<Produced> produced, List<Consumed> consumed,
			List<CoordinatorEvent> coordinator) {
		Properties settings = new Properties();
		settings.setProperty("scenario", "test");
		settings.setProperty("instances", "3");
		settings.setProperty("concurrency", "1");
		settings.setProperty("processingMs", "0");
		settings.setProperty("ratePerSecond", "10");
		settings.setProperty("gapThresholdMs", "1000");
		return new RunAnalysis("run", settings, EVENTS, produced, consumed, coordinator);
	}

}

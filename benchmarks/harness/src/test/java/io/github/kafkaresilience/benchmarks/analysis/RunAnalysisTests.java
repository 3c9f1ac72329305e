package io.github.kafkaresilience.benchmarks.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.github.kafkaresilience.benchmarks.analysis.CoordinatorEvent.Kind;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	@Test
	void burstDrainRunsFromTheBurstToTheFirstConsumptionOfItsLastRecord() {
		List<RunEvent> events = new ArrayList<>(EVENTS);
		events.add(new RunEvent(1400, Type.BURST_STARTED, "", "2 records"));
		List<Produced> produced = List.of(new Produced("k0", 0, 0, 1000), new Produced("b0", 0, 1, 1400),
				new Produced("b1", 1, 0, 1401), new Produced("k1", 1, 1, 1500));
		List<Consumed> consumed = List.of(new Consumed("a", 0, 0, "k0", 1000, 1010),
				new Consumed("a", 0, 1, "b0", 1400, 2400), new Consumed("b", 1, 0, "b1", 1401, 9400),
				new Consumed("c", 1, 0, "b1", 1401, 9900), new Consumed("b", 1, 1, "k1", 1500, 9500));
		Properties settings = settings();
		settings.setProperty("burst", "2");
		RunResult result = new RunAnalysis("run", settings, events, produced, consumed, List.of()).result();
		assertThat(result.burst()).isEqualTo(2);
		assertThat(result.burstDrainMs()).isEqualTo(9400 - 1400);
		assertThat(result.lost()).isZero();
	}

	@Test
	void consumerSettingsComeFromTheFirstInstancesStartupReport(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("app-app-1-0.log"), String.join("\n",
				"2026-11-21T14:47:01Z  INFO 1 --- [main] i.g.k.d.ResilientContainerCustomizer : kafka-resilience, listener 'bench':",
				"  heartbeat.interval.ms         = 250  [kafka-resilience]",
				"  max.poll.records              = 50  [user]", "  note: static membership skipped",
				"2026-11-21T14:47:01Z  INFO 1 --- [main] Started"));
		assertThat(RunAnalysis.consumerSettings(directory))
			.contains("heartbeat.interval.ms         = 250  [kafka-resilience]")
			.contains("max.poll.records              = 50  [user]")
			.doesNotContain("note:")
			.doesNotContain("Started");
	}

	@Test
	void withoutAStartupReportTheSettingsSayTheStarterWasOff(@TempDir Path directory) throws IOException {
		assertThat(RunAnalysis.consumerSettings(directory)).contains("No kafka-resilience startup report");
	}

	@Test
	void withoutABurstThereIsNoDrainTime() {
		assertThat(analysis(List.of(), List.of(), List.of()).result().burstDrainMs()).isZero();
	}

	private static RunAnalysis analysis(List<Produced> produced, List<Consumed> consumed,
			List<CoordinatorEvent> coordinator) {
		return new RunAnalysis("run", settings(), EVENTS, produced, consumed, coordinator);
	}

	private static Properties settings() {
		Properties settings = new Properties();
		settings.setProperty("scenario", "test");
		settings.setProperty("instances", "3");
		settings.setProperty("concurrency", "1");
		settings.setProperty("processingMs", "0");
		settings.setProperty("ratePerSecond", "10");
		settings.setProperty("gapThresholdMs", "1000");
		return settings;
	}

}

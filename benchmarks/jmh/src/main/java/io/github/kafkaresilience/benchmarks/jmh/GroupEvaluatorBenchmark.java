package io.github.kafkaresilience.benchmarks.jmh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.kafkaresilience.rebalance.RebalanceEvent;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.signals.GroupEvaluator;
import io.github.kafkaresilience.signals.GroupObservation;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.LagWindow;
import io.github.kafkaresilience.signals.LocalListener;
import io.github.kafkaresilience.signals.SignalsSettings;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-refresh evaluation of one group ({@code GroupEvaluator.evaluate}): a group of
 * {@code partitions} partitions over ten topics, ten members, six lag samples ten seconds
 * apart with lag on every partition and committed offsets advancing, so every partition
 * takes the full path (owner, slope across the window, trend), through the evaluator's
 * public entry point.
 *
 * @author kafka-resilience
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GroupEvaluatorBenchmark {

	private static final int TOPICS = 10;

	private static final int MEMBERS = 10;

	@Param("1000")
	public int partitions;

	@Param("6")
	public int samples;

	private GroupEvaluator.Input input;

	@Setup
	public void setUp() {
		Instant now = Instant.parse("2026-11-21T12:00:00Z");
		List<TopicPartition> all = new ArrayList<>();
		for (int i = 0; i < this.partitions; i++) {
			all.add(new TopicPartition("topic-" + (i % TOPICS), i / TOPICS));
		}
		List<GroupObservation.Member> members = new ArrayList<>();
		Set<String> clientIds = new HashSet<>();
		for (int m = 0; m < MEMBERS; m++) {
			Set<TopicPartition> assignment = new HashSet<>();
			for (int i = m; i < all.size(); i += MEMBERS) {
				assignment.add(all.get(i));
			}
			String clientId = "consumer-group-" + m;
			clientIds.add(clientId);
			members.add(new GroupObservation.Member(clientId, null, "/127.0.0.1", assignment));
		}
		List<LagWindow.Sample> window = new ArrayList<>();
		Map<TopicPartition, Long> committed = Map.of();
		Map<TopicPartition, Long> ends = Map.of();
		for (int s = 0; s < this.samples; s++) {
			Map<TopicPartition, Long> lag = new HashMap<>();
			Map<TopicPartition, Long> sampleCommitted = new HashMap<>();
			Map<TopicPartition, Long> sampleEnds = new HashMap<>();
			for (int i = 0; i < all.size(); i++) {
				long offset = 10_000L + s * 500L + i;
				long end = offset + 100 + (i % 7) * s * 30L;
				sampleCommitted.put(all.get(i), offset);
				sampleEnds.put(all.get(i), end);
				lag.put(all.get(i), end - offset);
			}
			Instant time = now.minusSeconds(10L * (this.samples - 1 - s));
			window.add(new LagWindow.Sample(time, lag, sampleCommitted));
			committed = sampleCommitted;
			ends = sampleEnds;
		}
		GroupObservation observation = new GroupObservation("group", GroupState.STABLE, GroupProtocol.CLASSIC, members,
				Set.copyOf(all), committed, ends, Map.of());
		LocalListener listener = new LocalListener("listener", "group", true, true, false, null, MEMBERS, clientIds,
				null, 40.0, 250.0, 0.05, 120.0, null);
		List<RebalanceEvent> events = new ArrayList<>();
		List<Instant> rebalanceTimes = new ArrayList<>();
		for (int e = 0; e < 20; e++) {
			Instant time = now.minusSeconds(300L - e * 10);
			events.add(new RebalanceEvent(time, (e % 2 == 0) ? RebalanceEventType.REVOKED : RebalanceEventType.ASSIGNED,
					"group", "consumer-group-" + (e % MEMBERS), null, e, all.subList(0, 10), 1,
					(e % 2 == 0) ? -1 : 50));
			rebalanceTimes.add(time);
		}
		SignalsSettings settings = new SignalsSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
				Duration.ofSeconds(5), 100, 1.0, 0.8, 20);
		this.input = new GroupEvaluator.Input(now, observation, window, List.of(listener), events, 10, rebalanceTimes,
				List.of(), settings);
	}

	@Benchmark
	public GroupSignals evaluate() {
		return GroupEvaluator.evaluate(this.input);
	}

}

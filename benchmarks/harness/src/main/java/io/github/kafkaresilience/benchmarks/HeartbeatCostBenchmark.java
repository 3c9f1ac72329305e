package io.github.kafkaresilience.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.management.remote.JMXConnector;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What consumer heartbeats cost the broker: N plain consumers in one group (threads of
 * this JVM) against a standalone broker process, for each heartbeat interval of the
 * classic protocol and of the consumer protocol (KIP-848); per steady-state window, the
 * broker's process CPU time and its request counters.
 *
 * @author kafka-resilience
 */
@Command(name = "run-heartbeat-cost.sh",
		description = "Broker CPU and requests per second for N consumers in one group, per heartbeat interval and "
				+ "group protocol.")
public final class HeartbeatCostBenchmark extends BenchmarkCommand {

	private static final String TOPIC = "heartbeat-cost";

	private static final int WARMUP_MEMBERS = 100;

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(300);

	@Option(names = "--consumers", split = ",", description = "group sizes, in order (100,500,1000; smoke 50)")
	private List<Integer> consumers;

	@Option(names = "--partitions", description = "partitions of the topic (1000; smoke 50)")
	private Integer partitions;

	@Option(names = "--classic-heartbeat-ms", split = ",",
			description = "classic heartbeat.interval.ms values (3000,1000,500,250; smoke 3000,250; 0: skip)")
	private List<Integer> classicHeartbeats;

	@Option(names = "--consumer-heartbeat-ms", split = ",",
			description = "KIP-848 group's consumer.heartbeat.interval.ms values (5000,1000,500,250; smoke 5000,250; "
					+ "0: skip)")
	private List<Integer> consumerHeartbeats;

	@Option(names = "--consumer-join-heartbeat-ms",
			description = "the KIP-848 group's interval while it forms (the shortest measured)")
	private Integer consumerJoinHeartbeatMs;

	@Option(names = "--fetch-max-wait-ms", defaultValue = "500", description = "the members' fetch.max.wait.ms")
	private int fetchMaxWaitMs;

	@Option(names = "--session-timeout-ms", defaultValue = "10000", description = "classic session.timeout.ms")
	private int sessionTimeoutMs;

	@Option(names = "--window-s", description = "measured window per cell (60; smoke 10)")
	private Integer windowSeconds;

	@Option(names = "--settle-s", description = "wait before each window (10; smoke 3)")
	private Integer settleSeconds;

	@Option(names = "--warmup-s", description = "unmeasured warm-up per protocol (60; smoke 5)")
	private Integer warmupSeconds;

	private int groups;

	public static void main(String[] args) {
		main(new HeartbeatCostBenchmark(), args);
	}

	@Override
	int defaultMaxRunSeconds() {
		return 3600;
	}

	@Override
	int run() throws Exception {
		List<HeartbeatCostReport.Row> rows = new ArrayList<>();
		return report("heartbeat-cost", broker(), (broker, directory, header) -> {
			try (Admin admin = broker.admin("heartbeat-cost-observer");
					JMXConnector jmx = ScaleBenchmark.attach(broker.pid())) {
				Broker.createTopics(admin, List.of(new NewTopic(TOPIC, this.partitions, (short) 1)));
				BrokerWindow.Meter meter = new BrokerWindow.Meter(broker.pid(), jmx.getMBeanServerConnection());
				warmUp(broker, admin, meter);
				Cells measurement = (cell) -> {
					rows.addAll(attempt(cell));
					Files.writeString(directory.resolve("partial.md"),
							HeartbeatCostReport.render(header, settings(), rows), StandardCharsets.UTF_8);
				};
				measurement.add(() -> List.of(idle(meter)));
				Duration window = Duration.ofSeconds(this.windowSeconds);
				for (int members : this.consumers) {
					for (int heartbeatMs : this.classicHeartbeats) {
						measurement.add(() -> List.of(classic(broker, admin, meter, members, heartbeatMs, window)));
					}
					if (!this.consumerHeartbeats.isEmpty()) {
						measurement.add(
								() -> consumerProtocol(broker, admin, meter, members, this.consumerHeartbeats, window));
					}
				}
				measurement.add(() -> List.of(idle(meter)));
			}
			String report = HeartbeatCostReport.render(header, settings(), rows);
			Files.writeString(this.output.resolve("heartbeat-cost.md"), report + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			return report;
		});
	}

	/**
	 * A cell whose group moved partitions during a window (members evicted or rejoining:
	 * not a steady state) is measured once more; a cell that fails (a group that does not
	 * settle in time, a consumer that dies) is reported and skipped, so one bad cell does
	 * not cost the whole matrix.
	 */
	private static List<HeartbeatCostReport.Row> attempt(Callable<List<HeartbeatCostReport.Row>> cell) {
		try {
			List<HeartbeatCostReport.Row> rows = cell.call();
			if (rows.stream().anyMatch((row) -> row.window().assignmentChanges() > 0)) {
				Harness.info("Partitions moved during the window: measuring the cell again");
				rows = cell.call();
			}
			return rows;
		}
		catch (Exception ex) {
			Harness.info("Cell failed, skipped: " + ex);
			return List.of();
		}
	}

	private void warmUp(Broker broker, Admin admin, BrokerWindow.Meter meter) throws Exception {
		Duration warmup = Duration.ofSeconds(this.warmupSeconds);
		// A small group is enough to compile the broker's paths and joins fastest.
		int members = Math.min(WARMUP_MEMBERS, this.consumers.stream().mapToInt(Integer::intValue).min().orElse(0));
		Harness.info("Warm-up, not measured: " + members + " consumers per protocol for " + warmup.toSeconds() + " s");
		if (!this.classicHeartbeats.isEmpty()) {
			classic(broker, admin, meter, members, Collections.min(this.classicHeartbeats), warmup);
		}
		if (!this.consumerHeartbeats.isEmpty()) {
			consumerProtocol(broker, admin, meter, members, List.of(Collections.min(this.consumerHeartbeats)), warmup);
		}
	}

	@Override
	void validate() {
		this.consumers = smoke(this.consumers, List.of(100, 500, 1000), List.of(50));
		this.partitions = smoke(this.partitions, 1000, 50);
		this.classicHeartbeats = skipZero(
				smoke(this.classicHeartbeats, List.of(3000, 1000, 500, 250), List.of(3000, 250)));
		this.consumerHeartbeats = skipZero(
				smoke(this.consumerHeartbeats, List.of(5000, 1000, 500, 250), List.of(5000, 250)));
		this.windowSeconds = smoke(this.windowSeconds, 60, 10);
		this.settleSeconds = smoke(this.settleSeconds, 10, 3);
		this.warmupSeconds = smoke(this.warmupSeconds, 60, 5);
	}

	// "0" skips a protocol.
	private static List<Integer> skipZero(List<Integer> heartbeats) {
		return heartbeats.equals(List.of(0)) ? List.of() : heartbeats;
	}

	private Map<String, String> broker() {
		Map<String, String> settings = new LinkedHashMap<>();
		// Kafka's default, which BrokerProcess sets to 0: a classic group of hundreds of
		// members then forms in one rebalance instead of one per late joiner.
		settings.put("group.initial.rebalance.delay.ms", "3000");
		if (!this.consumerHeartbeats.isEmpty()) {
			settings.put("group.consumer.min.heartbeat.interval.ms",
					Collections.min(this.consumerHeartbeats).toString());
		}
		settings.putAll(this.brokerProperties);
		return settings;
	}

	private String settings() {
		return this.partitions + " partitions, " + this.windowSeconds + " s windows after " + this.settleSeconds
				+ " s settling; fetch.max.wait.ms " + this.fetchMaxWaitMs
				+ "; classic members: cooperative-sticky, session.timeout.ms " + this.sessionTimeoutMs
				+ "; broker settings " + broker() + ", all others at Kafka's defaults.";
	}

	private HeartbeatCostReport.Row idle(BrokerWindow.Meter meter) throws Exception {
		Harness.info("Idle broker, no consumers: " + this.windowSeconds + " s");
		Harness.sleep(Duration.ofSeconds(this.settleSeconds));
		return new HeartbeatCostReport.Row(0, null, 0, meter.measure(Duration.ofSeconds(this.windowSeconds), null),
				Duration.ZERO);
	}

	private HeartbeatCostReport.Row classic(Broker broker, Admin admin, BrokerWindow.Meter meter, int members,
			int heartbeatMs, Duration window) throws Exception {
		String group = "classic-" + members + "-" + heartbeatMs + "-" + (++this.groups);
		Map<String, Object> config = consumerConfig(broker, group, GroupProtocol.CLASSIC);
		config.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
		config.put("heartbeat.interval.ms", heartbeatMs);
		config.put("session.timeout.ms", this.sessionTimeoutMs);
		Harness.info(members + " classic consumers, heartbeat " + heartbeatMs + " ms");
		long started = System.nanoTime();
		try (ConsumerFleet fleet = new ConsumerFleet(members, TOPIC, config, group + "-")) {
			Duration join = awaitJoined(admin, fleet, group, members, started);
			Harness.sleep(Duration.ofSeconds(this.settleSeconds));
			return new HeartbeatCostReport.Row(members, GroupProtocol.CLASSIC, heartbeatMs,
					meter.measure(window, fleet), join);
		}
	}

	/**
	 * One group for every interval: the interval is the group's dynamic config, which
	 * each member learns from its next heartbeat response. The group joins at the
	 * shortest interval unless told otherwise, because members take over partitions one
	 * heartbeat at a time.
	 */
	private List<HeartbeatCostReport.Row> consumerProtocol(Broker broker, Admin admin, BrokerWindow.Meter meter,
			int members, List<Integer> heartbeats, Duration window) throws Exception {
		String group = "consumer-" + members + "-" + (++this.groups);
		int joinMs = (this.consumerJoinHeartbeatMs != null) ? this.consumerJoinHeartbeatMs
				: Collections.min(heartbeats);
		setGroupHeartbeat(admin, group, joinMs);
		Harness.info(members + " consumer-protocol consumers, group heartbeat " + joinMs + " ms to join");
		long started = System.nanoTime();
		List<HeartbeatCostReport.Row> rows = new ArrayList<>();
		try (ConsumerFleet fleet = new ConsumerFleet(members, TOPIC,
				consumerConfig(broker, group, GroupProtocol.CONSUMER), group + "-")) {
			Duration join = awaitJoined(admin, fleet, group, members, started);
			for (int heartbeatMs : heartbeats) {
				setGroupHeartbeat(admin, group, heartbeatMs);
				Harness.info(members + " consumer-protocol consumers, group heartbeat " + heartbeatMs + " ms");
				// Members switch at their next heartbeat: up to one old interval.
				Harness.sleep(Duration.ofSeconds(this.settleSeconds).plusMillis(heartbeatMs));
				rows.add(new HeartbeatCostReport.Row(members, GroupProtocol.CONSUMER, heartbeatMs,
						meter.measure(window, fleet), join));
			}
		}
		return rows;
	}

	private static void setGroupHeartbeat(Admin admin, String group, int heartbeatMs) throws Exception {
		AlterConfigOp set = new AlterConfigOp(
				new ConfigEntry("consumer.heartbeat.interval.ms", Integer.toString(heartbeatMs)),
				AlterConfigOp.OpType.SET);
		admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(set)))
			.all()
			.get(30, TimeUnit.SECONDS);
	}

	private Map<String, Object> consumerConfig(Broker broker, String group, GroupProtocol protocol) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("bootstrap.servers", broker.bootstrapServers());
		config.put("group.id", group);
		config.put("group.protocol", protocol.name().toLowerCase());
		config.put("enable.auto.commit", false);
		config.put("auto.offset.reset", "latest");
		// The topic stays empty: small buffers keep a thousand consumers in one heap.
		config.put("max.poll.records", 10);
		config.put("max.partition.fetch.bytes", 16384);
		config.put("fetch.max.bytes", 65536);
		config.put("fetch.max.wait.ms", this.fetchMaxWaitMs);
		return config;
	}

	/**
	 * Wait until the members own every partition (each at least one when there are
	 * enough), nothing moved for two seconds, and the broker calls the group Stable.
	 */
	private Duration awaitJoined(Admin admin, ConsumerFleet fleet, String group, int members, long started)
			throws Exception {
		long deadline = started + JOIN_TIMEOUT.toNanos();
		long lastReport = System.nanoTime();
		int quietChecks = 0;
		int lastChanges = -1;
		while (System.nanoTime() < deadline) {
			fleet.checkHealthy();
			int changes = fleet.assignmentChanges();
			boolean assigned = fleet.ownedPartitions() == this.partitions
					&& (members > this.partitions || fleet.idleMembers() == 0);
			quietChecks = (assigned && changes == lastChanges) ? quietChecks + 1 : 0;
			lastChanges = changes;
			if (quietChecks >= 4 && stable(admin, group)) {
				Duration join = Duration.ofNanos(System.nanoTime() - started);
				Harness.info("Joined and stable after " + join.toMillis() + " ms");
				return join;
			}
			if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
				Harness.info(fleet.ownedPartitions() + " of " + this.partitions + " partitions owned, "
						+ fleet.idleMembers() + " members without one");
				lastReport = System.nanoTime();
			}
			Harness.sleep(Duration.ofMillis(500));
		}
		throw new IllegalStateException("Group " + group + " did not settle within " + JOIN_TIMEOUT);
	}

	private static boolean stable(Admin admin, String group) throws Exception {
		return admin.describeConsumerGroups(List.of(group))
			.describedGroups()
			.get(group)
			.get(30, TimeUnit.SECONDS)
			.groupState() == GroupState.STABLE;
	}

	@FunctionalInterface
	private interface Cells {

		void add(Callable<List<HeartbeatCostReport.Row>> cell) throws Exception;

	}

}

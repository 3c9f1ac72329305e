package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.kafkaresilience.benchmarks.analysis.ResultTable;
import io.github.kafkaresilience.benchmarks.analysis.RunAnalysis;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;
import io.github.kafkaresilience.benchmarks.analysis.RunFiles;
import io.github.kafkaresilience.benchmarks.analysis.RunResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The rolling-restart benchmark: starts a broker and N consumer processes, produces at a
 * fixed rate, restarts the consumers one at a time as a rolling deploy would, then
 * analyses what the logs say about the disruption.
 *
 * @author kafka-resilience
 */
public final class RollingRestartBenchmark {

	static final String TOPIC = "bench";

	static final String GROUP = "bench";

	private static final Duration GROUP_START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration CLEAN_UP_GRACE = Duration.ofSeconds(20);

	private final RunOptions options;

	private final String java = ProcessHandle.current().info().command().orElse("java");

	private final ChildProcesses children = new ChildProcesses();

	private final AtomicReference<BrokerProcess> broker = new AtomicReference<>();

	private RollingRestartBenchmark(RunOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Harness.quietClients();
		if (List.of(args).contains("--list-scenarios")) {
			Scenario.all()
				.forEach((scenario) -> System.out.printf("%-28s %s%n", scenario.name(), scenario.description()));
			return;
		}
		RunOptions options;
		try {
			options = RunOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(RunOptions.USAGE);
			System.exit(2);
			return;
		}
		System.exit(new RollingRestartBenchmark(options).run());
	}

	private int run() throws Exception {
		String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
				+ this.options.scenario().name() + "-i" + this.options.instances() + "-d" + this.options.processingMs();
		RunFiles files = new RunFiles(this.options.output().resolve(name));
		Files.createDirectories(files.directory());
		writeSettings(files);
		Console.info("Run directory " + files.directory());
		// However the JVM ends (Ctrl-C, time limit), no broker or consumer outlives it.
		Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "benchmark-clean-up"));
		Harness.watchdog(this.options.maxRun());
		try (RunEventLog events = new RunEventLog(files.events())) {
			roll(files, events);
		}
		finally {
			cleanUp();
		}
		RunAnalysis analysis = RunAnalysis.read(files.directory());
		RunResult result = analysis.result();
		Files.writeString(files.summary(), analysis.summary() + RunAnalysis.consumerSettings(files.directory()),
				StandardCharsets.UTF_8);
		append(this.options.output().resolve("results.md"), ResultTable.markdownHeader(),
				ResultTable.markdownRow(result));
		append(this.options.output().resolve("results.csv"), ResultTable.csvHeader(), ResultTable.csvRow(result));
		System.out.println();
		System.out.println(ResultTable.markdownHeader());
		System.out.println(ResultTable.markdownRow(result));
		System.out.println();
		System.out.println("Details: " + files.summary());
		return 0;
	}

	private void roll(RunFiles files, RunEventLog events) throws Exception {
		RunOptions o = this.options;
		BrokerProcess started = BrokerProcess.start(this.children, this.java, o.brokerClasspathFile(),
				o.allBrokerProperties(), files.brokerLog());
		this.broker.set(started);
		events.record(Type.BROKER_STARTED, "", "pid " + started.pid() + " " + started.bootstrapServers());
		Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, started.bootstrapServers(),
				AdminClientConfig.CLIENT_ID_CONFIG, "bench-observer");
		try (Admin admin = Admin.create(adminConfig);
				GroupObserver observer = new GroupObserver(admin, GROUP, files.groupObservations())) {
			admin.createTopics(List.of(new NewTopic(TOPIC, o.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
			observer.start();
			List<ConsumerInstance> instances = new ArrayList<>();
			for (int i = 1; i <= o.instances(); i++) {
				ConsumerInstance instance = new ConsumerInstance("app-" + i, this.java, o, started.bootstrapServers(),
						TOPIC, GROUP, files, this.children);
				instances.add(instance);
				start(instance, events);
			}
			if (!observer.awaitStable(o.instances() * o.concurrency(), o.partitions(), GROUP_START_TIMEOUT)) {
				throw new IllegalStateException("The group did not become stable: " + observer.latest());
			}
			events.record(Type.GROUP_STABLE);
			try (FixedRateProducer producer = new FixedRateProducer(started.bootstrapServers(), TOPIC,
					o.ratePerSecond(), files.produced())) {
				producer.start();
				events.record(Type.PRODUCTION_STARTED, "", o.ratePerSecond() + " records/s");
				Threads.sleep(o.warmup());
				instances.stream()
					.filter((instance) -> !instance.hasConsumed())
					.forEach((instance) -> Console.info("Warning: " + instance.name() + " consumed nothing yet"));
				if (o.burst() > 0) {
					events.record(Type.BURST_STARTED, "", o.burst() + " records");
					producer.burst(o.burst());
					events.record(Type.BURST_SENT);
				}
				events.record(Type.ROLL_STARTED);
				List<Thread> healthWatchers = new ArrayList<>();
				List<ConsumerInstance> disrupted = instances.subList(0, o.disrupt());
				for (int from = 0; from < disrupted.size(); from += o.together()) {
					List<ConsumerInstance> wave = disrupted.subList(from,
							Math.min(from + o.together(), disrupted.size()));
					boolean last = from + o.together() >= disrupted.size();
					if (o.restartEvery().isZero()) {
						disrupt(wave, observer, events);
						if (!last) {
							Threads.sleep(o.betweenRestarts());
						}
					}
					else {
						// As a deploy that goes on before the group has settled: the next
						// disruption comes restartEvery after this one; health is
						// recorded
						// when it comes.
						long next = System.nanoTime() + o.restartEvery().toNanos();
						healthWatchers.addAll(disruptWithoutWaiting(wave, observer, events));
						if (!last) {
							Threads.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
						}
					}
				}
				for (Thread watcher : healthWatchers) {
					Threads.join(watcher, this.options.healthyTimeout().plusSeconds(5));
				}
				events.record(Type.ROLL_FINISHED);
				Threads.sleep(o.settle());
				events.record(Type.SETTLED);
				producer.close();
				events.record(Type.PRODUCTION_STOPPED, "",
						"sent " + producer.sent() + "; failed " + producer.failures());
			}
			events.record(awaitDrained(admin) ? Type.DRAINED : Type.DRAIN_TIMED_OUT);
			// Stop every instance at once, as a whole deployment being scaled down would;
			// a killed instance is already gone.
			List<ConsumerInstance> running = instances.stream().filter(ConsumerInstance::isAlive).toList();
			for (ConsumerInstance instance : running) {
				events.record(Type.SIGTERM_SENT, instance.name(), "pid " + instance.pid());
				instance.signalStop();
			}
			for (ConsumerInstance instance : running) {
				stopped(instance, instance.stop(o.stopGrace()), events);
			}
			events.record(Type.INSTANCES_STOPPED);
		}
	}

	// The wave is disrupted at once; a restarted wave is awaited healthy before the next.
	private void disrupt(List<ConsumerInstance> wave, GroupObserver observer, RunEventLog events) throws IOException {
		Map<ConsumerInstance, Set<String>> previousMembers = previousMembers(wave, observer);
		disruptAll(wave, events);
		if (this.options.disruption().restarts()) {
			for (ConsumerInstance instance : wave) {
				awaitHealthy(instance, previousMembers.get(instance), instance.incarnation(), observer, events);
			}
		}
	}

	private List<Thread> disruptWithoutWaiting(List<ConsumerInstance> wave, GroupObserver observer, RunEventLog events)
			throws IOException {
		Map<ConsumerInstance, Set<String>> previousMembers = previousMembers(wave, observer);
		disruptAll(wave, events);
		if (!this.options.disruption().restarts()) {
			return List.of();
		}
		List<Thread> watchers = new ArrayList<>();
		for (ConsumerInstance instance : wave) {
			int incarnation = instance.incarnation();
			Thread watcher = new Thread(
					() -> awaitHealthy(instance, previousMembers.get(instance), incarnation, observer, events),
					"health-" + instance.name());
			watcher.setDaemon(true);
			watcher.start();
			watchers.add(watcher);
		}
		return watchers;
	}

	private void awaitHealthy(ConsumerInstance instance, Set<String> previousMembers, int incarnation,
			GroupObserver observer, RunEventLog events) {
		boolean healthy = observer.awaitHealthy(instance, previousMembers, this.options.healthyTimeout());
		events.record(healthy ? Type.INSTANCE_HEALTHY : Type.INSTANCE_NOT_HEALTHY, instance.name(),
				"incarnation " + incarnation);
	}

	private static Map<ConsumerInstance, Set<String>> previousMembers(List<ConsumerInstance> wave,
			GroupObserver observer) {
		Map<ConsumerInstance, Set<String>> members = new HashMap<>();
		wave.forEach((instance) -> members.put(instance, observer.latest().memberIdsOf(instance.name())));
		return members;
	}

	// Every instance of the wave is signalled before any is waited for, as a rollout that
	// takes several pods down at once.
	private void disruptAll(List<ConsumerInstance> wave, RunEventLog events) throws IOException {
		switch (this.options.disruption()) {
			case RESTART -> {
				for (ConsumerInstance instance : wave) {
					events.record(Type.SIGTERM_SENT, instance.name(), "pid " + instance.pid());
					instance.signalStop();
				}
				for (ConsumerInstance instance : wave) {
					stopped(instance, instance.stop(this.options.stopGrace()), events);
				}
			}
			case CRASH, KILL -> {
				for (ConsumerInstance instance : wave) {
					instance.kill();
					events.record(Type.INSTANCE_KILLED, instance.name(),
							"pid " + instance.pid() + " (SIGKILL on purpose)");
					events.record(Type.INSTANCE_EXITED, instance.name(), "exit code " + instance.exitCode());
				}
			}
			case PAUSE -> {
				for (ConsumerInstance instance : wave) {
					instance.signal("STOP");
					events.record(Type.INSTANCE_PAUSED, instance.name(), "pid " + instance.pid() + " (SIGSTOP)");
				}
				Threads.sleep(this.options.pause());
				for (ConsumerInstance instance : wave) {
					instance.signal("CONT");
					events.record(Type.INSTANCE_RESUMED, instance.name(),
							"pid " + instance.pid() + " (SIGCONT after " + this.options.pause().toMillis() + " ms)");
				}
			}
		}
		if (this.options.disruption().restarts()) {
			for (ConsumerInstance instance : wave) {
				start(instance, events);
			}
		}
	}

	private void start(ConsumerInstance instance, RunEventLog events) throws IOException {
		instance.start();
		events.record(Type.INSTANCE_STARTED, instance.name(),
				"incarnation " + instance.incarnation() + " pid " + instance.pid());
	}

	private static void stopped(ConsumerInstance instance, boolean graceful, RunEventLog events) {
		if (!graceful) {
			events.record(Type.INSTANCE_KILLED, instance.name(), "pid " + instance.pid());
		}
		events.record(Type.INSTANCE_EXITED, instance.name(), "exit code " + instance.exitCode());
	}

	// Drained when the group's committed offsets reach the end of every partition that
	// received records (an empty partition has no committed offset).
	private boolean awaitDrained(Admin admin) throws InterruptedException {
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
					.partitionsToOffsetAndMetadata()
					.get(5, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				for (int partition = 0; partition < this.options.partitions(); partition++) {
					latest.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
				}
				boolean drained = admin.listOffsets(latest)
					.all()
					.get(5, TimeUnit.SECONDS)
					.entrySet()
					.stream()
					.allMatch((end) -> end.getValue().offset() == 0 || (committed.get(end.getKey()) != null
							&& committed.get(end.getKey()).offset() >= end.getValue().offset()));
				if (drained) {
					return true;
				}
			}
			catch (Exception ex) {
				// Retried until the deadline.
			}
			Thread.sleep(250);
		}
		return false;
	}

	private void writeSettings(RunFiles files) throws IOException {
		RunOptions o = this.options;
		Properties settings = new Properties();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("scenario", o.scenario().name());
		values.put("label", o.label());
		values.put("burst", o.burst());
		values.put("scenarioDescription", o.scenario().description());
		values.put("instances", o.instances());
		values.put("concurrency", o.concurrency());
		values.put("processingMs", o.processingMs());
		values.put("ratePerSecond", o.ratePerSecond());
		values.put("partitions", o.partitions());
		values.put("topic", TOPIC);
		values.put("group", GROUP);
		values.put("warmupS", o.warmup().toSeconds());
		values.put("betweenRestartsS", o.betweenRestarts().toSeconds());
		values.put("settleS", o.settle().toSeconds());
		values.put("gapThresholdMs", o.gapThresholdMs());
		values.put("restartEveryS", o.restartEvery().toSeconds());
		values.put("disruption", o.disruption().name().toLowerCase(Locale.ROOT));
		values.put("pauseS", o.pause().toSeconds());
		values.put("disrupt", o.disrupt());
		values.put("together", o.together());
		values.put("applicationArguments", String.join(" ", o.scenario().applicationArguments()) + " "
				+ String.join(" ", o.extraApplicationArguments()));
		values.put("applicationJvmOptions", String.join(" ", o.applicationJvmOptions()));
		values.put("brokerProperties",
				o.allBrokerProperties()
					.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(" ")));
		values.put("command", o.command());
		values.put("processors", Runtime.getRuntime().availableProcessors());
		values.put("memory", MachineInfo.totalMemory());
		values.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		values.put("startedAt", OffsetDateTime.now().toString());
		values.forEach((key, value) -> settings.setProperty(key, String.valueOf(value)));
		try (Writer writer = Files.newBufferedWriter(files.settings(), StandardCharsets.UTF_8)) {
			settings.store(writer, "rolling-restart run");
		}
	}

	private static void append(Path file, String header, String row) throws IOException {
		String headerLine = header.lines().findFirst().orElseThrow();
		// Rows of an older harness keep their own header; a changed header starts a new
		// section rather than misaligning the columns.
		if (!headerLine.equals(lastHeaderLine(file, headerLine.substring(0, 10)))) {
			Files.writeString(file, header + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		Files.writeString(file, row + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

	private static String lastHeaderLine(Path file, String prefix) throws IOException {
		if (!Files.exists(file)) {
			return null;
		}
		try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
			return lines.filter((line) -> line.startsWith(prefix)).reduce((previous, next) -> next).orElse(null);
		}
	}

	private void cleanUp() {
		this.children.stopAll(CLEAN_UP_GRACE);
		BrokerProcess running = this.broker.getAndSet(null);
		if (running != null) {
			running.close();
		}
	}

}

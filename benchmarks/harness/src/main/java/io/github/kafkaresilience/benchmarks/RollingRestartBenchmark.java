package io.github.kafkaresilience.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.kafkaresilience.benchmarks.analysis.RunAnalysis;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;
import io.github.kafkaresilience.benchmarks.analysis.RunFiles;
import io.github.kafkaresilience.benchmarks.analysis.RunResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The rolling-restart benchmark: starts a broker and N consumer processes, produces at a
 * fixed rate, disrupts the consumers as a rolling deploy (or a crash, a lost node, a
 * pause) would, then analyses what the logs say about the disruption.
 *
 * @author kafka-resilience
 */
@Command(name = "run-rolling-restart.sh", description = "Rolling-restart benchmark: see benchmarks/README.md.")
public final class RollingRestartBenchmark extends BenchmarkCommand {

	static final String TOPIC = "bench";

	static final String GROUP = "bench";

	private static final String JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

	private static final Duration GROUP_START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	@Option(names = "--scenario", paramLabel = "NAME", description = "consumer configuration (see --list-scenarios)")
	String scenarioName;

	@Option(names = "--list-scenarios", description = "print the scenarios and exit")
	boolean listScenarios;

	@Option(names = "--instances", paramLabel = "N", defaultValue = "3", description = "consumer processes")
	int instances;

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "consumers per process")
	int concurrency;

	@Option(names = "--delay-ms", paramLabel = "N", defaultValue = "4",
			description = "simulated processing time per record")
	int processingMs;

	@Option(names = "--rate", paramLabel = "N", defaultValue = "200", description = "records produced per second")
	int ratePerSecond;

	@Option(names = "--partitions", paramLabel = "N", defaultValue = "12", description = "topic partitions")
	int partitions;

	@Option(names = "--warmup-s", paramLabel = "N", description = "production before the roll (15; smoke 8)")
	Integer warmupSeconds;

	@Option(names = "--between-restarts-s", paramLabel = "N",
			description = "pause after a restarted instance is healthy (5; smoke 2)")
	Integer betweenRestartsSeconds;

	@Option(names = "--settle-s", paramLabel = "N", description = "production after the roll (15; smoke 8)")
	Integer settleSeconds;

	@Option(names = "--healthy-timeout-s", paramLabel = "N", defaultValue = "90",
			description = "longest wait for a restarted instance")
	int healthyTimeoutSeconds;

	@Option(names = "--healthy-when", paramLabel = "WHEN", defaultValue = "assigned",
			description = "when a restarted instance counts as back: assigned (its consumer holds partitions and "
					+ "consumed, readiness with the startup gate) or joined (its consumer is a member, readiness "
					+ "at context start)")
	GroupObserver.Back healthyWhen;

	@Option(names = "--stop-grace-s", paramLabel = "N", defaultValue = "60", description = "SIGTERM to SIGKILL")
	int stopGraceSeconds;

	@Option(names = "--gap-threshold-ms", paramLabel = "N", defaultValue = "1000",
			description = "shortest gap counted as a stall")
	long gapThresholdMs;

	@Option(names = "--disruption", paramLabel = "KIND", defaultValue = "restart",
			description = "what each disrupted instance gets: restart, crash, kill or pause")
	Disruption disruption;

	@Option(names = "--crash", description = "the same as --disruption crash")
	boolean crash;

	@Option(names = "--pause-s", paramLabel = "N", defaultValue = "5", description = "how long a pause lasts")
	int pauseSeconds;

	@Option(names = "--disrupt", paramLabel = "N",
			description = "instances disrupted, the first N (all for restart and crash, 1 for kill and pause)")
	Integer disrupt;

	@Option(names = "--together", paramLabel = "N", defaultValue = "1",
			description = "instances disrupted at once, as maxUnavailable")
	int together;

	@Option(names = "--restart-every-s", paramLabel = "N", defaultValue = "0",
			description = "restart the next instance N s after the previous one, healthy or not (0: wait until it is healthy)")
	int restartEverySeconds;

	@Option(names = "--burst", paramLabel = "N", defaultValue = "0",
			description = "records sent at once when the roll starts, a backlog")
	int burst;

	@Option(names = "--label", paramLabel = "TEXT", description = "configuration name in result tables (the scenario)")
	String label;

	@Option(names = "--restart-app-arg", paramLabel = "ARG",
			description = "extra argument of restarted instances only, repeatable: what the rolling deploy changes")
	List<String> restartApplicationArguments = new ArrayList<>();

	Scenario scenario;

	private BufferedWriter events;

	public static void main(String[] args) {
		main(new RollingRestartBenchmark(), args);
	}

	/**
	 * What the run does to each disrupted instance.
	 */
	enum Disruption {

		/** SIGTERM, the graceful stop, then the next incarnation: a rolling deploy. */
		RESTART,
		/**
		 * SIGKILL, then the next incarnation at once with the same name: a crashed
		 * container.
		 */
		CRASH,
		/** SIGKILL and nothing after it: a lost node. */
		KILL,
		/**
		 * SIGSTOP, then SIGCONT after the pause: a stop-the-world pause of the whole JVM.
		 */
		PAUSE;

		boolean restarts() {
			return this == RESTART || this == CRASH;
		}

		// What a label gets when none is given: the scenario, and what was done to it.
		String labelSuffix() {
			return (this == RESTART) ? "" : " (" + name().toLowerCase(Locale.ROOT) + ")";
		}

	}

	@Override
	void validate() {
		if (this.listScenarios) {
			return;
		}
		if (this.scenarioName == null) {
			throw invalid("--scenario is required");
		}
		try {
			this.scenario = Scenario.named(this.scenarioName);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
		if (this.crash) {
			this.disruption = Disruption.CRASH;
		}
		if (this.disrupt == null) {
			this.disrupt = this.disruption.restarts() ? this.instances : 1;
		}
		if (this.disrupt < 1 || this.disrupt > this.instances || this.together < 1 || this.together > this.disrupt) {
			throw invalid("--disrupt must be between 1 and --instances (" + this.instances
					+ ") and --together between 1 and --disrupt (" + this.disrupt + "), got " + this.disrupt + " and "
					+ this.together);
		}
		if (this.label == null) {
			this.label = this.scenario.name() + this.disruption.labelSuffix();
		}
		if (this.label.isBlank() || this.label.contains(",") || this.label.contains("|") || this.label.contains("\n")) {
			throw invalid("--label must be non-blank text without ',', '|' or a line break (it becomes a table cell), "
					+ "got '" + this.label + "'");
		}
	}

	@Override
	int defaultMaxRunSeconds() {
		return this.smoke ? 170 : 900;
	}

	Duration warmup() {
		return Duration.ofSeconds(smoke(this.warmupSeconds, 15, 8));
	}

	Duration betweenRestarts() {
		return Duration.ofSeconds(smoke(this.betweenRestartsSeconds, 5, 2));
	}

	Duration settle() {
		return Duration.ofSeconds(smoke(this.settleSeconds, 15, 8));
	}

	@Override
	int run() throws Exception {
		if (this.listScenarios) {
			Scenario.all().forEach((s) -> System.out.printf("%-28s %s%n", s.name(), s.description()));
			return 0;
		}
		String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
				+ this.scenario.name() + "-i" + this.instances + "-d" + this.processingMs;
		RunFiles files = new RunFiles(runDirectory(name));
		writeSettings(files);
		this.events = Files.newBufferedWriter(files.events(), StandardCharsets.UTF_8);
		this.events.write(RunEvent.CSV_HEADER);
		this.events.newLine();
		try (Broker broker = startBroker(this.brokerProperties, files.directory())) {
			record(Type.BROKER_STARTED, "", "pid " + broker.pid() + " " + broker.bootstrapServers());
			roll(broker, files);
		}
		finally {
			this.processes.stopAll(CLEAN_UP_GRACE);
			this.events.close();
		}
		RunAnalysis analysis = RunAnalysis.read(files.directory());
		RunResult result = analysis.result();
		Files.writeString(files.summary(), analysis.summary() + RunAnalysis.consumerSettings(files.directory()),
				StandardCharsets.UTF_8);
		append(this.output.resolve("results.md"), RunResult.markdownHeader(), result.markdownRow());
		append(this.output.resolve("results.csv"), RunResult.csvHeader(), result.csvRow());
		System.out.println("\n" + RunResult.markdownHeader() + result.markdownRow());
		System.out.println("Details: " + files.summary());
		return 0;
	}

	private void roll(Broker broker, RunFiles files) throws Exception {
		try (Admin admin = broker.admin("bench-observer")) {
			Broker.createTopics(admin, List.of(new NewTopic(TOPIC, this.partitions, (short) 1)));
			GroupObserver observer = new GroupObserver(admin, GROUP);
			List<ConsumerInstance> instances = new ArrayList<>();
			for (int i = 1; i <= this.instances; i++) {
				instances.add(instance("app-" + i, broker, files));
				start(instances.get(i - 1));
			}
			if (!observer.awaitStable(this.instances * this.concurrency, this.partitions, GROUP_START_TIMEOUT)) {
				throw new IllegalStateException("The group did not become stable within " + GROUP_START_TIMEOUT);
			}
			record(Type.GROUP_STABLE);
			try (Producer producer = Producer.logging(broker.bootstrapServers(), TOPIC, files.produced())) {
				producer.startRate(this.ratePerSecond);
				record(Type.PRODUCTION_STARTED, "", this.ratePerSecond + " records/s");
				Harness.sleep(warmup());
				instances.stream()
					.filter((instance) -> !instance.hasConsumed())
					.forEach((instance) -> Harness.info("Warning: " + instance.name() + " consumed nothing yet"));
				if (this.burst > 0) {
					record(Type.BURST_STARTED, "", this.burst + " records");
					producer.burst(this.burst);
					record(Type.BURST_SENT);
				}
				record(Type.ROLL_STARTED);
				disruptAll(instances.subList(0, this.disrupt), observer);
				record(Type.ROLL_FINISHED);
				Harness.sleep(settle());
				record(Type.SETTLED);
				producer.close();
				record(Type.PRODUCTION_STOPPED, "", "sent " + producer.sent() + "; failed " + producer.failures());
			}
			record(awaitDrained(admin) ? Type.DRAINED : Type.DRAIN_TIMED_OUT);
			// Every instance at once, as a whole deployment being scaled down; a killed
			// instance is already gone.
			stop(instances.stream().filter(ConsumerInstance::isAlive).toList());
			record(Type.INSTANCES_STOPPED);
		}
	}

	private ConsumerInstance instance(String name, Broker broker, RunFiles files) {
		List<String> command = javaCommand(JVM_OPTIONS, List.of(),
				"benchmarks/consumer-app/target/benchmark-consumer.jar");
		command.addAll(List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"--bench.topic=" + TOPIC, "--bench.group=" + GROUP, "--bench.instance=" + name,
				"--bench.concurrency=" + this.concurrency, "--bench.processing-time=" + this.processingMs + "ms"));
		command.addAll(this.scenario.applicationArguments());
		command.addAll(this.extraApplicationArguments);
		return new ConsumerInstance(name, command, this.restartApplicationArguments, files, this.processes);
	}

	// Waves of --together instances; a wave is awaited healthy before the next unless
	// --restart-every-s makes the next come on a schedule, as a deploy that goes on
	// before the group has settled (health is then recorded when it comes).
	private void disruptAll(List<ConsumerInstance> disrupted, GroupObserver observer) throws IOException {
		List<Thread> watchers = new ArrayList<>();
		boolean scheduled = this.restartEverySeconds > 0;
		for (int from = 0; from < disrupted.size(); from += this.together) {
			long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.restartEverySeconds);
			List<ConsumerInstance> wave = disrupted.subList(from, Math.min(from + this.together, disrupted.size()));
			Map<ConsumerInstance, Set<String>> previous = new HashMap<>();
			wave.forEach((instance) -> previous.put(instance, observer.memberIdsOf(instance)));
			disrupt(wave);
			for (ConsumerInstance instance : this.disruption.restarts() ? wave : List.<ConsumerInstance>of()) {
				int incarnation = instance.incarnation();
				Runnable awaitHealthy = () -> record(observer.awaitHealthy(instance, previous.get(instance),
						this.healthyWhen, Duration.ofSeconds(this.healthyTimeoutSeconds)) ? Type.INSTANCE_HEALTHY
								: Type.INSTANCE_NOT_HEALTHY,
						instance.name(), "incarnation " + incarnation);
				if (scheduled) {
					Thread watcher = new Thread(awaitHealthy, "health-" + instance.name());
					watcher.setDaemon(true);
					watcher.start();
					watchers.add(watcher);
				}
				else {
					awaitHealthy.run();
				}
			}
			if (from + this.together < disrupted.size()) {
				Harness.sleep(scheduled ? Duration.ofNanos(next - System.nanoTime()) : betweenRestarts());
			}
		}
		watchers.forEach((watcher) -> Harness.join(watcher, Duration.ofSeconds(this.healthyTimeoutSeconds + 5)));
	}

	// Every instance of the wave is signalled before any is waited for, as a rollout that
	// takes several pods down at once.
	private void disrupt(List<ConsumerInstance> wave) throws IOException {
		switch (this.disruption) {
			case RESTART -> stop(wave);
			case CRASH, KILL -> {
				for (ConsumerInstance instance : wave) {
					instance.kill();
					record(Type.INSTANCE_KILLED, instance.name(), "pid " + instance.pid() + " (SIGKILL on purpose)");
					record(Type.INSTANCE_EXITED, instance.name(), "exit code " + instance.exitCode());
				}
			}
			case PAUSE -> {
				for (ConsumerInstance instance : wave) {
					Processes.signal(instance.process(), "STOP");
					record(Type.INSTANCE_PAUSED, instance.name(), "pid " + instance.pid() + " (SIGSTOP)");
				}
				Harness.sleep(Duration.ofSeconds(this.pauseSeconds));
				for (ConsumerInstance instance : wave) {
					Processes.signal(instance.process(), "CONT");
					record(Type.INSTANCE_RESUMED, instance.name(),
							"pid " + instance.pid() + " (SIGCONT after " + this.pauseSeconds * 1000L + " ms)");
				}
			}
		}
		if (this.disruption.restarts()) {
			for (ConsumerInstance instance : wave) {
				start(instance);
			}
		}
	}

	private void stop(List<ConsumerInstance> instances) {
		for (ConsumerInstance instance : instances) {
			record(Type.SIGTERM_SENT, instance.name(), "pid " + instance.pid());
			instance.signalStop();
		}
		for (ConsumerInstance instance : instances) {
			if (!instance.stop(Duration.ofSeconds(this.stopGraceSeconds))) {
				record(Type.INSTANCE_KILLED, instance.name(), "pid " + instance.pid());
			}
			record(Type.INSTANCE_EXITED, instance.name(), "exit code " + instance.exitCode());
		}
	}

	private void start(ConsumerInstance instance) throws IOException {
		instance.start();
		record(Type.INSTANCE_STARTED, instance.name(),
				"incarnation " + instance.incarnation() + " pid " + instance.pid());
	}

	private void record(Type type) {
		record(type, "", "");
	}

	// Flushed at once, so that a run stopped by its time limit still leaves its timeline.
	private synchronized void record(Type type, String instance, String detail) {
		Harness.info(type + (instance.isEmpty() ? "" : " " + instance) + (detail.isEmpty() ? "" : " (" + detail + ")"));
		try {
			this.events.write(new RunEvent(System.currentTimeMillis(), type, instance, detail).toCsv());
			this.events.newLine();
			this.events.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Drained when the group's committed offsets reach the end of every partition that
	// received records (an empty partition has no committed offset).
	private boolean awaitDrained(Admin admin) {
		Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, this.partitions)
			.boxed()
			.collect(Collectors.toMap((p) -> new TopicPartition(TOPIC, p), (p) -> OffsetSpec.latest()));
		return Harness.eventually(DRAIN_TIMEOUT, () -> {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get(5, TimeUnit.SECONDS);
			return admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet().stream().allMatch((end) -> {
				OffsetAndMetadata offset = committed.get(end.getKey());
				return end.getValue().offset() == 0 || (offset != null && offset.offset() >= end.getValue().offset());
			});
		});
	}

	private void writeSettings(RunFiles files) throws IOException {
		Properties settings = new Properties();
		BiConsumer<String, Object> put = (key, value) -> settings.setProperty(key, String.valueOf(value));
		put.accept("scenario", this.scenario.name());
		put.accept("label", this.label);
		put.accept("burst", this.burst);
		put.accept("scenarioDescription", this.scenario.description());
		put.accept("instances", this.instances);
		put.accept("concurrency", this.concurrency);
		put.accept("processingMs", this.processingMs);
		put.accept("ratePerSecond", this.ratePerSecond);
		put.accept("partitions", this.partitions);
		put.accept("topic", TOPIC);
		put.accept("group", GROUP);
		put.accept("warmupS", warmup().toSeconds());
		put.accept("betweenRestartsS", betweenRestarts().toSeconds());
		put.accept("settleS", settle().toSeconds());
		put.accept("gapThresholdMs", this.gapThresholdMs);
		put.accept("restartEveryS", this.restartEverySeconds);
		put.accept("disruption", this.disruption.name().toLowerCase(Locale.ROOT));
		put.accept("pauseS", this.pauseSeconds);
		put.accept("disrupt", this.disrupt);
		put.accept("together", this.together);
		put.accept("applicationArguments", String.join(" ", this.scenario.applicationArguments()) + " "
				+ String.join(" ", this.extraApplicationArguments));
		put.accept("applicationJvmOptions", String.join(" ", jvmOptions(JVM_OPTIONS)));
		put.accept("brokerProperties",
				String.join(" ", this.brokerProperties.entrySet().stream().map(Object::toString).toList()));
		put.accept("command", command());
		put.accept("processors", Runtime.getRuntime().availableProcessors());
		put.accept("memory", Harness.totalMemory());
		put.accept("java", Harness.java());
		put.accept("startedAt", OffsetDateTime.now());
		try (Writer writer = Files.newBufferedWriter(files.settings(), StandardCharsets.UTF_8)) {
			settings.store(writer, "rolling-restart run");
		}
	}

	// Rows of an older harness keep their own header; a changed header starts a new
	// section rather than misaligning the columns.
	private static void append(Path file, String header, String row) throws IOException {
		String headerLine = header.lines().findFirst().orElseThrow();
		String last = null;
		if (Files.exists(file)) {
			try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
				last = lines.filter((line) -> line.startsWith(headerLine.substring(0, 10)))
					.reduce((previous, next) -> next)
					.orElse(null);
			}
		}
		String text = (headerLine.equals(last) ? "" : header.strip() + "\n") + row.strip() + "\n";
		Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}

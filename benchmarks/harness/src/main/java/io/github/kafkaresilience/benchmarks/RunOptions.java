package io.github.kafkaresilience.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of one rolling-restart run, parsed from the command line.
 *
 * @param scenario the consumer configuration
 * @param instances consumer processes
 * @param concurrency consumers per process
 * @param processingMs simulated processing time per record
 * @param ratePerSecond records produced per second
 * @param partitions partitions of the topic
 * @param warmup production before the roll starts
 * @param betweenRestarts pause after an instance is healthy before the next restart
 * @param settle production after the roll ends
 * @param healthyTimeout longest wait for a restarted instance to be healthy
 * @param stopGrace longest wait for an instance to exit after SIGTERM before it is killed
 * @param maxRun hard limit on the whole run, after which everything is stopped
 * @param gapThresholdMs shortest consumption gap that counts as a stall
 * @param applicationJar the consumer application's executable jar
 * @param applicationJvmOptions JVM options of every consumer process
 * @param extraApplicationArguments arguments added after the scenario's
 * @param restartApplicationArguments arguments added to every incarnation after the
 * first: the configuration a rolling deploy brings in, e.g. another group protocol
 * @param brokerClasspathFile file holding the broker's classpath
 * @param brokerProperties broker settings added after the scenario's
 * @param output where run directories and result tables go
 * @param command the command line, recorded with the results
 * @param disruption what happens to each disrupted instance: a graceful restart, a crash
 * and restart, a kill with no restart, or a stop-the-world pause
 * @param pause how long a {@link Disruption#PAUSE} keeps the process stopped
 * @param disrupt how many instances are disrupted, the first ones in order
 * @param together how many instances are disrupted at once (a rollout's
 * {@code maxUnavailable})
 * @param burst records sent at once when the roll starts, on top of the fixed rate, so
 * that consumers work through full batches during the roll (0 for none)
 * @param restartEvery when positive, the next restart comes this long after the previous
 * one whether or not that instance is healthy yet; zero waits for health
 * @param label the configuration's name in result tables: the scenario's name (plus
 * "(crash)" for crash runs) unless the command line names it (a scenario plus
 * {@code --app-arg}s is another configuration)
 * @author kafka-resilience
 */
public record RunOptions(Scenario scenario, int instances, int concurrency, int processingMs, int ratePerSecond,
		int partitions, Duration warmup, Duration betweenRestarts, Duration settle, Duration healthyTimeout,
		Duration stopGrace, Duration maxRun, long gapThresholdMs, Path applicationJar,
		List<String> applicationJvmOptions, List<String> extraApplicationArguments,
		List<String> restartApplicationArguments, Path brokerClasspathFile, Map<String, String> brokerProperties,
		Path output, String command, Disruption disruption, Duration pause, int disrupt, int together, int burst,
		String label, Duration restartEvery) {

	/**
	 * The usage text.
	 */
	public static final String USAGE = """
			Usage: run-rolling-restart.sh --scenario NAME [options]
			  --scenario NAME           consumer configuration (see --list-scenarios)
			  --instances N             consumer processes (default 3)
			  --concurrency N           consumers per process (default 1)
			  --delay-ms N              simulated processing time per record (default 4)
			  --rate N                  records produced per second (default 200)
			  --partitions N            topic partitions (default 12)
			  --warmup-s N              production before the roll (default 15)
			  --between-restarts-s N    pause after a restarted instance is healthy (default 5)
			  --settle-s N              production after the roll (default 15)
			  --healthy-timeout-s N     longest wait for a restarted instance (default 90)
			  --stop-grace-s N          SIGTERM to SIGKILL (default 60)
			  --max-run-s N             hard limit on the whole run (default 900)
			  --gap-threshold-ms N      shortest gap counted as a stall (default 1000)
			  --smoke                   short run: warmup 8 s, 2 s between restarts, settle 8 s, max 170 s
			  --disruption KIND         what each disrupted instance gets (default restart):
			                            restart  SIGTERM, graceful stop, started again (a rolling deploy)
			                            crash    SIGKILL, started again at once with the same name
			                            kill     SIGKILL, not started again (a lost node)
			                            pause    SIGSTOP for --pause-s, then SIGCONT (a stop-the-world pause)
			  --crash                   the same as --disruption crash
			  --pause-s N               how long a pause lasts (default 5)
			  --disrupt N               instances disrupted, the first N (default: all for restart and
			                            crash, 1 for kill and pause)
			  --together N              instances disrupted at once, as maxUnavailable (default 1)
			  --restart-every-s N       restart the next instance N s after the previous one, healthy or not
			                            (default 0: wait until it is healthy, then --between-restarts-s)
			  --burst N                 records sent at once when the roll starts, a backlog (default 0)
			  --label TEXT              configuration name in result tables (default: the scenario)
			  --app-jar PATH            consumer application jar
			  --app-jvm-opts "OPTS"     JVM options of each consumer (default "-Xmx256m -XX:+UseSerialGC
			                            -XX:TieredStopAtLevel=1")
			  --app-arg ARG             extra consumer argument, repeatable ({instance} = instance name)
			  --restart-app-arg ARG     extra argument of restarted instances only, repeatable: what the
			                            rolling deploy changes (e.g. a migration to another group protocol)
			  --broker-prop KEY=VALUE   extra broker setting, repeatable
			  --broker-classpath-file F file with the broker's classpath
			  --out DIR                 output directory (default benchmarks/out)
			  --command TEXT            command line recorded with the results (the script sets it)
			  --list-scenarios          print the scenarios and exit
			""";

	/**
	 * Parse command-line arguments.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException on a missing or unknown argument
	 */
	public static RunOptions parse(String[] args) {
		CommandLine options = new CommandLine(args, Set.of("smoke", "crash"),
				Set.of("app-arg", "restart-app-arg", "broker-prop"));
		boolean smoke = options.flag("smoke");
		String scenarioName = options.text("scenario", null);
		if (scenarioName == null) {
			throw new IllegalArgumentException("--scenario is required");
		}
		Scenario scenario = Scenario.named(scenarioName);
		Disruption disruption = options.flag("crash") ? Disruption.CRASH
				: Disruption.of(options.text("disruption", "restart"));
		int instances = options.number("instances", 3);
		int disrupt = options.number("disrupt", disruption.restarts() ? instances : 1);
		int together = options.number("together", 1);
		if (disrupt < 1 || disrupt > instances || together < 1 || together > disrupt) {
			throw new IllegalArgumentException("--disrupt must be between 1 and --instances (" + instances
					+ ") and --together between 1 and --disrupt (" + disrupt + "), got " + disrupt + " and "
					+ together);
		}
		RunOptions parsed = new RunOptions(scenario, instances, options.number("concurrency", 1),
				options.number("delay-ms", 4), options.number("rate", 200), options.number("partitions", 12),
				options.seconds("warmup-s", smoke ? 8 : 15), options.seconds("between-restarts-s", smoke ? 2 : 5),
				options.seconds("settle-s", smoke ? 8 : 15), options.seconds("healthy-timeout-s", 90),
				options.seconds("stop-grace-s", 60), options.seconds("max-run-s", smoke ? 170 : 900),
				options.number("gap-threshold-ms", 1000),
				Path.of(options.text("app-jar", "benchmarks/consumer-app/target/benchmark-consumer.jar")),
				Arrays.asList(options.text("app-jvm-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
					.trim()
					.split("\\s+")),
				options.all("app-arg"), options.all("restart-app-arg"),
				Path.of(options.text("broker-classpath-file", Harness.BROKER_CLASSPATH)),
				Harness.brokerProperties(options.all("broker-prop")), Path.of(options.text("out", "benchmarks/out")),
				options.text("command", "RollingRestartBenchmark " + String.join(" ", args)), disruption,
				options.seconds("pause-s", 5), disrupt, together, options.number("burst", 0),
				label(options.text("label", scenario.name() + disruption.labelSuffix())),
				options.seconds("restart-every-s", 0));
		options.checkAllUsed();
		return parsed;
	}

	private static String label(String label) {
		if (label.isBlank() || label.contains(",") || label.contains("|") || label.contains("\n")) {
			throw new IllegalArgumentException(
					"--label must be non-blank text without ',', '|' or a line break (it becomes a table cell), got '"
							+ label + "'");
		}
		return label;
	}

	/**
	 * Create options, copying the collections.
	 */
	public RunOptions {
		applicationJvmOptions = List.copyOf(applicationJvmOptions);
		extraApplicationArguments = List.copyOf(extraApplicationArguments);
		restartApplicationArguments = List.copyOf(restartApplicationArguments);
		brokerProperties = Map.copyOf(brokerProperties);
	}

	/**
	 * Broker settings of the scenario, then of the command line.
	 * @return the settings
	 */
	public Map<String, String> allBrokerProperties() {
		Map<String, String> all = new LinkedHashMap<>(this.scenario.brokerProperties());
		all.putAll(this.brokerProperties);
		return all;
	}

}

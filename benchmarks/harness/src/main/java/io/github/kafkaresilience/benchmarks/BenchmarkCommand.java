package io.github.kafkaresilience.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options and the life cycle every benchmark driver shares: the application and the
 * broker it starts, where results go, a hard time limit, and no child process outliving
 * the JVM however it ends.
 *
 * @author kafka-resilience
 */
@CommandLine.Command(mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
		usageHelpWidth = 110)
abstract class BenchmarkCommand implements Callable<Integer> {

	static final String BROKER_CLASSPATH = "benchmarks/broker/target/broker.classpath";

	static final String ACTUATOR_APP_JAR = "benchmarks/actuator-app/target/benchmark-actuator-app.jar";

	static final Duration CLEAN_UP_GRACE = Duration.ofSeconds(20);

	/**
	 * The argument that turns kafka-resilience off: Spring Boot's plain behaviour.
	 */
	static final String PLAIN = "--kafka.resilience.enabled=false";

	@Spec
	CommandSpec spec;

	@Option(names = "--smoke", description = "short run with tiny sizes: checks the harness, measures nothing")
	boolean smoke;

	@Option(names = "--app-jar", paramLabel = "PATH", description = "the application jar")
	Path applicationJar;

	@Option(names = "--app-jvm-opts", paramLabel = "OPTS", description = "JVM options of the application")
	String applicationJvmOptions;

	@Option(names = "--app-arg", paramLabel = "ARG", description = "extra application argument, repeatable")
	List<String> extraApplicationArguments = new ArrayList<>();

	@Option(names = "--broker-prop", paramLabel = "KEY=VALUE", description = "extra broker setting, repeatable")
	Map<String, String> brokerProperties = new LinkedHashMap<>();

	@Option(names = "--broker-classpath-file", paramLabel = "FILE", defaultValue = BROKER_CLASSPATH,
			description = "file with the broker's classpath")
	Path brokerClasspathFile;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "benchmarks/out", description = "output directory")
	Path output;

	@Option(names = "--max-run-s", paramLabel = "N", description = "hard limit on the whole benchmark, seconds")
	Integer maxRunSeconds;

	@Option(names = "--command", paramLabel = "TEXT", description = "the command line recorded with the results")
	String command;

	final String java = ProcessHandle.current().info().command().orElse("java");

	final Processes processes = new Processes();

	/**
	 * Parse the arguments into a driver and run it: exit code 2 and the usage for bad
	 * arguments.
	 */
	static void main(BenchmarkCommand benchmark, String[] args) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		// Refused connections while the broker starts are expected and retried.
		System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
		System.exit(benchmark.commandLine().execute(args));
	}

	// An option's value may look like an option, as in --app-arg
	// --bench.flush-interval=0.
	CommandLine commandLine() {
		return new CommandLine(this).setAllowOptionsAsOptionParameters(true).setCaseInsensitiveEnumValuesAllowed(true);
	}

	@Override
	public final Integer call() throws Exception {
		validate();
		Duration maxRun = Duration.ofSeconds(this.maxRunSeconds != null ? this.maxRunSeconds : defaultMaxRunSeconds());
		Thread watchdog = new Thread(() -> {
			Harness.sleep(maxRun);
			Harness.info("Time limit of " + maxRun.toSeconds() + " s reached: stopping everything");
			System.exit(3);
		}, "benchmark-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> this.processes.stopAll(CLEAN_UP_GRACE), "benchmark-clean-up"));
		try {
			return run();
		}
		finally {
			this.processes.stopAll(CLEAN_UP_GRACE);
		}
	}

	abstract int run() throws Exception;

	abstract int defaultMaxRunSeconds();

	void validate() {
	}

	CommandLine.ParameterException invalid(String message) {
		return new CommandLine.ParameterException(this.spec.commandLine(), message);
	}

	// The value given on the command line, else the default of a full or a smoke run.
	<T> T smoke(T value, T normal, T smoke) {
		return (value != null) ? value : this.smoke ? smoke : normal;
	}

	String command() {
		return (this.command != null) ? this.command
				: this.spec.name() + " " + String.join(" ", this.spec.commandLine().getParseResult().originalArgs());
	}

	Broker startBroker(Map<String, String> properties, Path directory) throws Exception {
		Broker broker = Broker.start(this.processes, this.brokerClasspathFile, properties,
				directory.resolve("broker.log"));
		Harness.info("Broker " + broker.bootstrapServers() + " pid " + broker.pid());
		return broker;
	}

	/**
	 * Run a benchmark that measures on one broker and writes one Markdown report,
	 * {@code <out>/<kind>-<time>.md}, with its logs in the directory of the same name.
	 */
	int report(String kind, Measurement measurement) throws Exception {
		return report(kind, this.brokerProperties, measurement);
	}

	int report(String kind, Map<String, String> brokerProperties, Measurement measurement) throws Exception {
		String name = Harness.runName(kind);
		Path directory = runDirectory(name);
		String header = Harness.header(command(), this.smoke);
		String report;
		try (Broker broker = startBroker(brokerProperties, directory)) {
			report = measurement.measure(broker, directory, header);
		}
		Harness.writeReport(this.output.resolve(name + ".md"), report);
		return 0;
	}

	interface Measurement {

		String measure(Broker broker, Path directory, String header) throws Exception;

	}

	Path runDirectory(String name) throws Exception {
		Path directory = Files.createDirectories(this.output.resolve(name));
		Harness.info("Run directory " + directory);
		return directory;
	}

	List<String> jvmOptions(String defaults) {
		return Arrays.asList(
				((this.applicationJvmOptions != null) ? this.applicationJvmOptions : defaults).trim().split("\\s+"));
	}

	/**
	 * The application's java command line up to its jar: the JVM options, then the
	 * benchmark's own.
	 */
	List<String> javaCommand(String defaultJvmOptions, List<String> moreJvmOptions, String defaultJar) {
		List<String> command = new ArrayList<>(List.of(this.java));
		command.addAll(jvmOptions(defaultJvmOptions));
		command.addAll(moreJvmOptions);
		Path jar = (this.applicationJar != null) ? this.applicationJar : Path.of(defaultJar);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
		return command;
	}

}

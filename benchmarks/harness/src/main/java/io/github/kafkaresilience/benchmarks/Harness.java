package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every benchmark driver does the same way: quiet Kafka clients, a hard time limit,
 * the default paths of the built artifacts.
 *
 * @author kafka-resilience
 */
final class Harness {

	static final String BROKER_CLASSPATH = "benchmarks/broker/target/broker.classpath";

	static final String ACTUATOR_APP_JAR = "benchmarks/actuator-app/target/benchmark-actuator-app.jar";

	static final Duration CLEAN_UP_GRACE = Duration.ofSeconds(20);

	private Harness() {
	}

	/**
	 * Let the harness's own Kafka clients speak only when something is wrong.
	 */
	static void quietClients() {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		// Refused connections while the broker starts are expected and retried.
		System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
	}

	/**
	 * Exit the JVM (and so, through the shutdown hooks, stop every child process) once
	 * the time limit is reached.
	 * @param maxRun the limit
	 */
	static void watchdog(Duration maxRun) {
		Thread watchdog = new Thread(() -> {
			Threads.sleep(maxRun);
			Console.info("Time limit of " + maxRun.toSeconds() + " s reached: stopping everything");
			System.exit(3);
		}, "benchmark-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

	/**
	 * Parse a driver's command line, or print the error and the usage and exit with 2.
	 * @param <T> the options type
	 * @param args the arguments
	 * @param parser the parser, throwing {@link IllegalArgumentException} on bad input
	 * @param usage the usage text
	 * @return the options
	 */
	static <T> T parseOrExit(String[] args, Function<String[], T> parser, String usage) {
		try {
			return parser.apply(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(usage);
			System.exit(2);
			throw ex;
		}
	}

	/**
	 * Create a run's directory and make sure no child process outlives the JVM, however
	 * it ends.
	 * @param output the output directory
	 * @param name the run's name
	 * @param children the run's processes
	 * @return the directory
	 * @throws IOException if it cannot be created
	 */
	static Path runDirectory(Path output, String name, ChildProcesses children) throws IOException {
		Path directory = output.resolve(name);
		Files.createDirectories(directory);
		Console.info("Run directory " + directory);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> children.stopAll(CLEAN_UP_GRACE)));
		return directory;
	}

	/**
	 * Parse {@code --broker-prop KEY=VALUE} arguments.
	 * @param arguments the values
	 * @return the settings, in order
	 */
	static Map<String, String> brokerProperties(List<String> arguments) {
		Map<String, String> properties = new LinkedHashMap<>();
		arguments.stream()
			.map((value) -> CommandLine.keyValue("broker-prop", value))
			.forEach((entry) -> properties.put(entry.getKey(), entry.getValue()));
		return properties;
	}

}

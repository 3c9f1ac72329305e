package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Spring Boot application process started from a jar, with its output in a log file
 * and registered with {@link ChildProcesses} so that it never outlives the harness.
 *
 * @author kafka-resilience
 */
final class AppProcess {

	// Variables from which the starter derives a host identity; cleared so that every
	// instance on this machine is treated alike and only the benchmark decides identity.
	private static final List<String> IDENTITY_VARIABLES = List.of("POD_NAME", "HOSTNAME", "KUBERNETES_SERVICE_HOST");

	private final ChildProcesses children;

	private final Process process;

	private AppProcess(ChildProcesses children, Process process) {
		this.children = children;
		this.process = process;
	}

	/**
	 * A process builder for an application: output to the log, identity variables
	 * cleared.
	 * @param command the command line
	 * @param log the log file, replaced
	 * @return the builder
	 */
	static ProcessBuilder builder(List<String> command, Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> environment = builder.environment();
		IDENTITY_VARIABLES.forEach(environment::remove);
		return builder;
	}

	/**
	 * Start an application.
	 * @param children where the process is registered
	 * @param command the command line
	 * @param log the log file
	 * @return the running application
	 * @throws IOException if it cannot be started
	 */
	static AppProcess start(ChildProcesses children, List<String> command, Path log) throws IOException {
		return new AppProcess(children, children.start(builder(command, log)));
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Wait for the process to exit by itself.
	 * @param timeout the longest wait
	 * @return {@code true} if it exited in time
	 */
	boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * SIGTERM, then SIGKILL after the grace period, unless it already exited.
	 * @param grace how long a graceful stop may take
	 * @return {@code true} if it exited on its own
	 */
	boolean stop(Duration grace) {
		return this.children.stop(this.process, grace);
	}

}

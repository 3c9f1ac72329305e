package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the harness started, so that each one is stopped by its own pid however
 * the run ends: normally, on an exception, on the time limit, or on Ctrl-C.
 *
 * @author kafka-resilience
 */
final class Processes {

	// Variables from which the starter derives a host identity; cleared so that every
	// instance on this machine is treated alike and only the benchmark decides identity.
	private static final List<String> IDENTITY_VARIABLES = List.of("POD_NAME", "HOSTNAME", "KUBERNETES_SERVICE_HOST");

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Start an application with its output in a log file (replaced) and the identity
	 * variables cleared.
	 */
	Process startApplication(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		IDENTITY_VARIABLES.forEach(builder.environment()::remove);
		return start(builder);
	}

	/**
	 * SIGTERM, then SIGKILL if the process has not exited within the grace period.
	 * @return {@code true} if it exited on its own
	 */
	boolean stop(Process process, Duration grace) {
		boolean graceful = true;
		try {
			if (process.isAlive()) {
				process.destroy();
				if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
					graceful = false;
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			graceful = false;
		}
		this.processes.remove(process);
		return graceful;
	}

	/**
	 * SIGTERM to every process still running, then SIGKILL to those still running after
	 * the grace period.
	 */
	void stopAll(Duration grace) {
		this.processes.stream().filter(Process::isAlive).forEach(Process::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (Process process : this.processes) {
			if (!awaitExit(process, Duration.ofNanos(deadline - System.nanoTime()))) {
				Harness.info("Killing pid " + process.pid() + " after " + grace.toSeconds() + " s");
				process.destroyForcibly();
			}
		}
		this.processes.clear();
	}

	static boolean awaitExit(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Send a signal by name ({@code STOP}, {@code CONT}) with {@code kill}, for what
	 * {@link Process} cannot send.
	 */
	static void signal(Process process, String signal) throws IOException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
		if (!awaitExit(kill, Duration.ofSeconds(10)) || kill.exitValue() != 0) {
			throw new IOException("kill -" + signal + " " + process.pid() + " failed");
		}
	}

}

package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
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
final class ChildProcesses {

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Stop one process: SIGTERM, then SIGKILL if it has not exited within the grace
	 * period.
	 * @param process the process
	 * @param grace how long it may take to exit
	 * @return {@code true} if it exited on its own, {@code false} if it had to be killed
	 */
	boolean stop(Process process, Duration grace) {
		boolean graceful = true;
		try {
			if (process.isAlive()) {
				process.destroy();
				if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
					graceful = false;
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
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
	 * Stop every process still running: SIGTERM to all at once, then SIGKILL to those
	 * still running after the grace period.
	 * @param grace how long they may take to exit
	 */
	void stopAll(Duration grace) {
		for (Process process : this.processes) {
			if (process.isAlive()) {
				process.destroy();
			}
		}
		long deadline = System.nanoTime() + grace.toNanos();
		for (Process process : this.processes) {
			try {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
					Console.info("Killing pid " + process.pid() + " after " + grace.toSeconds() + " s");
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
		this.processes.clear();
	}

}

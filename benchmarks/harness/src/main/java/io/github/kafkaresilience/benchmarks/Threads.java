package io.github.kafkaresilience.benchmarks;

import java.time.Duration;

/**
 * Sleeping and joining without checked exceptions: the harness's threads are stopped by
 * flags and time limits, so an interrupt only needs to be passed on.
 *
 * @author kafka-resilience
 */
final class Threads {

	private Threads() {
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void join(Thread thread, Duration timeout) {
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

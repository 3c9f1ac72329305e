package io.github.kafkaresilience.benchmarks;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Progress lines on standard output, so a person watching a run can follow it.
 *
 * @author kafka-resilience
 */
final class Console {

	private Console() {
	}

	static void info(String message) {
		System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "  " + message);
		System.out.flush();
	}

}

package io.github.kafkaresilience.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the run does to each disrupted instance.
 *
 * @author kafka-resilience
 */
enum Disruption {

	/**
	 * SIGTERM, the graceful stop, then the next incarnation: a rolling deploy.
	 */
	RESTART(true, ""),

	/**
	 * SIGKILL, then the next incarnation at once with the same name: a crashed container
	 * that Kubernetes starts again.
	 */
	CRASH(true, " (crash)"),

	/**
	 * SIGKILL and nothing after it: a lost node, or a pod rescheduled elsewhere under
	 * another name.
	 */
	KILL(false, " (kill)"),

	/**
	 * SIGSTOP, then SIGCONT after the pause: a stop-the-world pause of the whole JVM (a
	 * long GC, a frozen VM) that must not cost the member its place.
	 */
	PAUSE(false, " (pause)");

	private final boolean restarts;

	private final String labelSuffix;

	Disruption(boolean restarts, String labelSuffix) {
		this.restarts = restarts;
		this.labelSuffix = labelSuffix;
	}

	/**
	 * Whether a new incarnation follows, which the run waits for until it is healthy.
	 * @return {@code true} for a restart or a crash
	 */
	boolean restarts() {
		return this.restarts;
	}

	/**
	 * What the disruption adds to the scenario's name in result tables.
	 * @return the suffix, empty for a plain restart
	 */
	String labelSuffix() {
		return this.labelSuffix;
	}

	/**
	 * The disruption of a command-line value.
	 * @param value {@code restart}, {@code crash}, {@code kill} or {@code pause}
	 * @return the disruption
	 * @throws IllegalArgumentException for any other value
	 */
	static Disruption of(String value) {
		try {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--disruption must be one of " + Arrays.stream(values())
				.map((d) -> d.name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", ")) + ", got '" + value + "'");
		}
	}

}

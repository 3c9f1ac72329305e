package io.github.kafkaresilience.benchmarks.analysis;

import java.nio.file.Path;

/**
 * The files of one run directory, shared by the driver that writes them and the analysis
 * that reads them.
 *
 * @param directory the run directory
 * @author kafka-resilience
 */
public record RunFiles(Path directory) {

	/**
	 * Prefix of the consumption logs, one per instance incarnation.
	 */
	public static final String CONSUMED_PREFIX = "consumed-";

	/**
	 * The run's settings ({@code key=value}).
	 * @return the path
	 */
	public Path settings() {
		return this.directory.resolve("run.properties");
	}

	/**
	 * What the driver did and saw, one {@link RunEvent} per line.
	 * @return the path
	 */
	public Path events() {
		return this.directory.resolve("events.csv");
	}

	/**
	 * Every record the producer sent, one {@link Produced} per line.
	 * @return the path
	 */
	public Path produced() {
		return this.directory.resolve("produced.csv");
	}

	/**
	 * The consumption log of one incarnation of an instance.
	 * @param instance the instance name
	 * @param incarnation 0 for the first start, 1 after the first restart, ...
	 * @return the path
	 */
	public Path consumed(String instance, int incarnation) {
		return this.directory.resolve(CONSUMED_PREFIX + instance + "-" + incarnation + ".csv");
	}

	/**
	 * The standard output of one incarnation of an instance.
	 * @param instance the instance name
	 * @param incarnation 0 for the first start, 1 after the first restart, ...
	 * @return the path
	 */
	public Path applicationLog(String instance, int incarnation) {
		return this.directory.resolve("app-" + instance + "-" + incarnation + ".log");
	}

	/**
	 * The broker's log.
	 * @return the path
	 */
	public Path brokerLog() {
		return this.directory.resolve("broker.log");
	}

	/**
	 * The group as the Admin client saw it, one line per change.
	 * @return the path
	 */
	public Path groupObservations() {
		return this.directory.resolve("group-observations.csv");
	}

	/**
	 * The analysis in human-readable form.
	 * @return the path
	 */
	public Path summary() {
		return this.directory.resolve("summary.md");
	}

}

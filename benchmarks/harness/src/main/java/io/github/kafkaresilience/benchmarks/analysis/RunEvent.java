package io.github.kafkaresilience.benchmarks.analysis;

/**
 * One thing the driver did or saw during a run, as written to {@code events.csv}.
 *
 * @param atMs wall-clock time in epoch milliseconds
 * @param type what happened
 * @param instance the consumer instance concerned, or empty
 * @param detail free text, or empty
 * @author kafka-resilience
 */
public record RunEvent(long atMs, Type type, String instance, String detail) {

	/**
	 * The CSV header of {@code events.csv}.
	 */
	public static final String CSV_HEADER = "atMs,type,instance,detail";

	static RunEvent parse(String line) {
		String[] fields = line.split(",", 4);
		return new RunEvent(Long.parseLong(fields[0]), Type.valueOf(fields[1]), fields[2],
				(fields.length > 3) ? fields[3] : "");
	}

	/**
	 * This event as one CSV line, commas in the detail replaced.
	 * @return the line, without a line separator
	 */
	public String toCsv() {
		return this.atMs + "," + this.type + "," + this.instance + "," + this.detail.replace(',', ';');
	}

	/**
	 * What happened, in the order a run goes through them.
	 */
	public enum Type {

		/** The broker answers requests. */
		BROKER_STARTED,
		/** A consumer process was started. */
		INSTANCE_STARTED,
		/**
		 * The group is stable with every expected member and every partition assigned.
		 */
		GROUP_STABLE,
		/** The producer sent its first record. */
		PRODUCTION_STARTED,
		/** A burst of records ({@code --burst}) is about to be sent at once. */
		BURST_STARTED,
		/** Every record of the burst was acknowledged. */
		BURST_SENT,
		/** The disruptions begin. */
		ROLL_STARTED,
		/** SIGTERM was sent to an instance. */
		SIGTERM_SENT,
		/** An instance's process ended. */
		INSTANCE_EXITED,
		/** An instance was killed: on purpose, or after the grace period. */
		INSTANCE_KILLED,
		/** An instance's process was stopped with SIGSTOP. */
		INSTANCE_PAUSED,
		/** A paused instance's process was continued with SIGCONT. */
		INSTANCE_RESUMED,
		/** A restarted instance is back in the group and consumed again. */
		INSTANCE_HEALTHY,
		/** A restarted instance was not healthy within the time allowed. */
		INSTANCE_NOT_HEALTHY,
		/** The last disruption is over. */
		ROLL_FINISHED,
		/** The settle period after the roll ended. */
		SETTLED,
		/** The producer stopped. */
		PRODUCTION_STOPPED,
		/** The group committed everything produced. */
		DRAINED,
		/** The group had not committed everything produced in the time allowed. */
		DRAIN_TIMED_OUT,
		/** Every consumer process ended. */
		INSTANCES_STOPPED

	}

}

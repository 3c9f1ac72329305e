package io.github.kafkaresilience.signals;

/**
 * Which instances of a fleet read a group's whole picture from the broker.
 *
 * @author kafka-resilience
 */
public enum GroupScan {

	/**
	 * Every instance scans the whole group on every refresh: each answers for the whole
	 * group, and the broker's cost grows with the number of instances.
	 */
	EVERY_INSTANCE,

	/**
	 * The instance that owns the group's first partition scans it on every refresh; the
	 * others judge their own partitions from their consumers and scan the group only
	 * rarely (every two refreshes per member), so the broker's cost for one group stays
	 * about the same whatever the number of instances.
	 */
	ONE_PER_GROUP

}

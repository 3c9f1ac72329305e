package io.github.kafkaresilience.signals;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How much of a group one instance's signals cover.
 *
 * @param scope whether the signals cover the whole group or only this instance's
 * partitions
 * @param scanner the member that owned the group's first partition at this instance's
 * last group-wide scan, and so scans the group on every refresh, or {@code null} when
 * unknown or when the scope is the whole group
 * @param groupScannedAt when this instance last scanned the whole group, or {@code null}
 * @param partitionsSeen partitions the signals cover
 * @param partitions partitions of the group at the last group-wide scan
 * @author kafka-resilience
 */
public record GroupView(Scope scope, @Nullable Owner scanner, @Nullable Instant groupScannedAt, int partitionsSeen,
		int partitions) {

	/**
	 * The signals of a group scanned whole on this refresh.
	 * @param partitions the group's partitions
	 * @return the view
	 */
	public static GroupView wholeGroup(int partitions) {
		return new GroupView(Scope.GROUP, null, null, partitions, partitions);
	}

	/**
	 * Whether only this instance's partitions are covered.
	 * @return {@code true} for a local view
	 */
	public boolean local() {
		return this.scope == Scope.LOCAL;
	}

	/**
	 * What a local view could not see and where the whole group is read, in one sentence.
	 * @return the sentence, {@code null} for a whole-group view
	 */
	public @Nullable String note() {
		if (!local()) {
			return null;
		}
		StringBuilder note = new StringBuilder("Local view: these signals cover the ").append(this.partitionsSeen)
			.append(" of ")
			.append(this.partitions)
			.append(" partitions this instance owns, judged from its own consumers. ");
		if (this.scanner != null) {
			note.append("The whole group is scanned on every refresh by the member owning its first partition, ")
				.append(this.scanner.clientId())
				.append(" on ")
				.append(this.scanner.host())
				.append(": read group-wide lag and status there or from its gauges.");
		}
		else {
			note.append("The owner of the group's first partition, which scans the whole group, was not known at the "
					+ "last group-wide scan: no member held it, or the broker would not describe the group.");
		}
		return note.toString();
	}

	/**
	 * What the signals cover.
	 */
	public enum Scope {

		/** The whole group, read from the broker on this refresh. */
		GROUP,

		/** This instance's own partitions, judged from its consumers. */
		LOCAL

	}

}

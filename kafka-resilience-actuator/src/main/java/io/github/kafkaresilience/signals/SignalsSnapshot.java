package io.github.kafkaresilience.signals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Everything the endpoint, health and meters show, built by one background refresh.
 * Immutable: readers never wait for the broker.
 *
 * @param refreshedAt when the broker data was last fetched successfully, or {@code null}
 * before the first success
 * @param attemptedAt when the last refresh was attempted, or {@code null} before the
 * first
 * @param error why the last refresh failed, or {@code null} when it succeeded
 * @param groups every group this application consumes, sorted by id
 * @author kafka-resilience
 */
public record SignalsSnapshot(@Nullable Instant refreshedAt, @Nullable Instant attemptedAt, @Nullable String error,
		List<GroupSignals> groups) {

	/**
	 * The snapshot before the first refresh.
	 */
	public static final SignalsSnapshot EMPTY = new SignalsSnapshot(null, null, null, List.of());

	public SignalsSnapshot {
		groups = List.copyOf(groups);
	}

	/**
	 * One group.
	 * @param groupId the group
	 * @return the group's signals, empty for a group this application does not consume
	 */
	public Optional<GroupSignals> group(String groupId) {
		return this.groups.stream().filter((group) -> group.groupId().equals(groupId)).findFirst();
	}

	/**
	 * Whether the data is older than the last refresh attempt because that attempt
	 * failed.
	 * @return {@code true} when stale
	 */
	public boolean stale() {
		return this.error != null;
	}

}

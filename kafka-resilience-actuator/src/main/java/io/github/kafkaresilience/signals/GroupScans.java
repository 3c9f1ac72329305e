package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Decides, per group and refresh, whether this instance scans the group whole, without
 * talking to the other instances: with {@link GroupScan#ONE_PER_GROUP} the instance that
 * owns the group's first partition (by topic, then partition number) scans it on every
 * refresh, and every other instance judges its own partitions from its consumers,
 * scanning the group only every two refreshes per member to learn who its members are.
 * The choice follows the group's own assignment, so when the scanner leaves, the member
 * that takes the first partition takes over.
 *
 * @author kafka-resilience
 */
final class GroupScans {

	private final SignalsSettings settings;

	private final Map<String, Scan> last = new HashMap<>();

	GroupScans(SignalsSettings settings) {
		this.settings = settings;
	}

	/**
	 * This instance's role for a group on this refresh.
	 * @param groupId the group
	 * @param listeners the group's listeners in this application
	 * @param now the time of the refresh
	 * @return the role
	 */
	Role role(String groupId, List<LocalListener> listeners, Instant now) {
		Scan scan = this.last.get(groupId);
		if (this.settings.groupScan() == GroupScan.EVERY_INSTANCE || scan == null
				|| !LocalObservations.judgeable(listeners)) {
			return Role.SCANNER;
		}
		TopicPartition first = first(scan.observation());
		Set<TopicPartition> owned = LocalObservations.owned(listeners);
		if (first == null || owned.contains(first)) {
			return Role.SCANNER;
		}
		boolean due = !scan.observation().partitions().containsAll(owned)
				|| !now.isBefore(scan.at().plus(followerScanInterval(scan.observation())));
		return due ? Role.FOLLOWER_SCANNING : Role.FOLLOWER;
	}

	/**
	 * Two refreshes per member: with N instances the followers together scan about once
	 * every two refreshes, so one group costs the broker at most about 1.5 times what one
	 * instance does, and a follower still learns of new members and a new scanner.
	 */
	Duration followerScanInterval(GroupObservation scan) {
		return this.settings.refreshInterval().multipliedBy(2L * Math.max(1, scan.members().size()));
	}

	void scanned(String groupId, GroupObservation observation, Instant at) {
		this.last.put(groupId, new Scan(observation, at));
	}

	@Nullable GroupObservation last(String groupId) {
		Scan scan = this.last.get(groupId);
		return (scan != null) ? scan.observation() : null;
	}

	@Nullable Instant scannedAt(String groupId) {
		Scan scan = this.last.get(groupId);
		return (scan != null) ? scan.at() : null;
	}

	void retain(Set<String> groupIds) {
		this.last.keySet().retainAll(groupIds);
	}

	/**
	 * The member that owned the group's first partition at a scan.
	 * @param scan the scan
	 * @return the member, or {@code null} when none did
	 */
	static @Nullable Owner scanner(GroupObservation scan) {
		TopicPartition first = first(scan);
		if (first == null) {
			return null;
		}
		return scan.members()
			.stream()
			.filter((member) -> member.assignment().contains(first))
			.findFirst()
			.map((member) -> new Owner(member.clientId(), member.instanceId(), member.host()))
			.orElse(null);
	}

	private static @Nullable TopicPartition first(GroupObservation scan) {
		return scan.partitions().stream().min(PartitionRules.PARTITION_ORDER).orElse(null);
	}

	private record Scan(GroupObservation observation, Instant at) {

	}

	/**
	 * What this instance does for a group on one refresh.
	 */
	enum Role {

		/** Scans the group whole and judges it whole. */
		SCANNER,

		/** Scans the group whole to learn its members, and judges its own partitions. */
		FOLLOWER_SCANNING,

		/** Judges its own partitions without a broker request. */
		FOLLOWER

	}

}

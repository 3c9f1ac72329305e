package io.github.kafkaresilience.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * A group as this application's own consumers see it, without a broker request: their
 * partitions, with the lag each consumer reports of its position ({@code records-lag})
 * and the offsets anchored at the next record its listener has to process. What only the
 * broker knows (other members, their partitions, log starts) comes from the last
 * group-wide scan.
 *
 * @author kafka-resilience
 */
final class LocalObservations {

	private LocalObservations() {
	}

	/**
	 * Whether a group's own partitions can be judged from its consumers alone: every
	 * listener runs, and kafka-resilience records its calls, so a listener that makes no
	 * progress shows it; an uninstrumented one would read as making none.
	 * @param listeners the group's listeners in this application
	 * @return {@code true} when it can
	 */
	static boolean judgeable(List<LocalListener> listeners) {
		return !listeners.isEmpty() && listeners.stream()
			.allMatch((listener) -> listener.running() && !listener.failed() && listener.evidence().instrumented());
	}

	/**
	 * This application's partitions of the group.
	 * @param listeners the group's listeners in this application
	 * @return the partitions its consumers hold
	 */
	static Set<TopicPartition> owned(List<LocalListener> listeners) {
		Set<TopicPartition> owned = new HashSet<>();
		listeners.forEach((listener) -> listener.evidence().assignments().values().forEach(owned::addAll));
		return owned;
	}

	static GroupObservation of(GroupObservation lastScan, List<LocalListener> listeners) {
		List<GroupObservation.Member> members = new ArrayList<>();
		Map<TopicPartition, Long> committed = new HashMap<>();
		Map<TopicPartition, Long> ends = new HashMap<>();
		Map<TopicPartition, Long> starts = new HashMap<>();
		for (LocalListener listener : listeners) {
			ListenerEvidence evidence = listener.evidence();
			evidence.assignments().forEach((clientId, assigned) -> {
				GroupObservation.Member scanned = member(lastScan, clientId);
				members.add(new GroupObservation.Member(clientId, (scanned != null) ? scanned.instanceId() : null,
						(scanned != null) ? scanned.host() : GroupObservations.LOCAL_HOST, assigned));
				for (TopicPartition partition : assigned) {
					PartitionEvidence seen = evidence.progress().get(partition);
					long position = position(lastScan, partition, seen);
					long lag = lag(evidence, partition, position, lastScan.startOffsets().get(partition), seen);
					committed.put(partition, position);
					ends.put(partition, position + lag);
					Long start = lastScan.startOffsets().get(partition);
					if (start != null) {
						starts.put(partition, Math.min(start, position));
					}
				}
			});
		}
		// Every partition here has a running owner: the state only matters for who is
		// idle, and the rebalances this application took part in are in its history.
		return new GroupObservation(lastScan.groupId(), GroupState.STABLE, lastScan.protocol(), members,
				committed.keySet(), committed, ends, starts, lastScan.brokerSettings(), null, lastScan.brokerRacks(),
				null);
	}

	/**
	 * The next record to process: what the listener saw, else the group's committed
	 * offset at the last scan (a partition assigned since starts there or later).
	 */
	private static long position(GroupObservation lastScan, TopicPartition partition,
			@Nullable PartitionEvidence seen) {
		long position = (seen != null) ? seen.position() : -1;
		if (position >= 0) {
			return position;
		}
		Long committed = lastScan.committed().get(partition);
		if (committed != null) {
			return committed;
		}
		return lastScan.startOffsets().getOrDefault(partition, 0L);
	}

	/**
	 * Records between the next record to process and the end the consumer may read: the
	 * records its last polls returned that the listener has not done yet (the consumer's
	 * position, its {@code records-lead} past the log start of the last scan, less the
	 * listener's position), and its own {@code records-lag} past that position. Retention
	 * that moved the log start since the scan makes this lower, never higher, than the
	 * committed-offset lag; without the lead, a running or failing call still counts its
	 * record.
	 */
	private static long lag(ListenerEvidence evidence, TopicPartition partition, long position, @Nullable Long start,
			@Nullable PartitionEvidence seen) {
		Long positionLag = evidence.positionLag().get(partition);
		long lag = (positionLag != null) ? Math.max(0, positionLag) : 0;
		Long lead = evidence.positionLead().get(partition);
		long fetched = (lead != null && start != null) ? Math.max(0, start + lead - position) : 0;
		long pending = (seen != null && seen.recordPending()) ? 1 : 0;
		return lag + Math.max(fetched, pending);
	}

	private static GroupObservation.@Nullable Member member(GroupObservation lastScan, String clientId) {
		return lastScan.members()
			.stream()
			.filter((member) -> member.clientId().equals(clientId))
			.findFirst()
			.orElse(null);
	}

}

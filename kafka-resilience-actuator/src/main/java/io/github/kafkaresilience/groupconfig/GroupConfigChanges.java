package io.github.kafkaresilience.groupconfig;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What kafka-resilience did with the group settings it was asked to set, per group: read
 * by the signals for their findings.
 *
 * @author kafka-resilience
 */
public final class GroupConfigChanges {

	private final Map<String, Map<String, GroupConfigChange>> byGroup = new ConcurrentHashMap<>();

	private final AtomicLong version = new AtomicLong();

	/**
	 * Record the latest change of one setting of one group.
	 * @param change the change
	 */
	public void record(GroupConfigChange change) {
		this.byGroup.computeIfAbsent(change.groupId(), (id) -> new ConcurrentHashMap<>()).put(change.key(), change);
		this.version.incrementAndGet();
	}

	/**
	 * The latest change of each setting of a group, sorted by setting.
	 * @param groupId the group
	 * @return the changes
	 */
	public List<GroupConfigChange> forGroup(String groupId) {
		Map<String, GroupConfigChange> changes = this.byGroup.get(groupId);
		return (changes != null) ? List.copyOf(new TreeMap<>(changes).values()) : List.of();
	}

	/**
	 * A number that grows with every recorded change, so that a reader can tell that the
	 * groups' settings may differ from its last read.
	 * @return the version
	 */
	public long version() {
		return this.version.get();
	}

}

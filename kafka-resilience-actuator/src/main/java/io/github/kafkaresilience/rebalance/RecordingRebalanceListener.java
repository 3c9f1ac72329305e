package io.github.kafkaresilience.rebalance;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Rebalance listener that records every callback into a {@link RebalanceHistory} and then
 * hands it to the listener the container already had, exactly as the container itself
 * would have called it.
 * <p>
 * Spring Boot wires a single {@link ConsumerAwareRebalanceListener} bean into its
 * container factory, so a second bean would silently switch the user's off; this class
 * wraps the user's listener per container instead of competing with it.
 *
 * @author kafka-resilience
 */
public final class RecordingRebalanceListener implements ConsumerAwareRebalanceListener {

	private static final Comparator<TopicPartition> PARTITION_ORDER = Comparator.comparing(TopicPartition::topic)
		.thenComparingInt(TopicPartition::partition);

	private final RebalanceHistory history;

	private final @Nullable ConsumerRebalanceListener delegate;

	private final Clock clock;

	private final Map<String, Instant> lastRelease = new ConcurrentHashMap<>();

	private final Set<String> assignedConsumers = ConcurrentHashMap.newKeySet();

	private final Map<String, Set<TopicPartition>> justLost = new ConcurrentHashMap<>();

	private final boolean consumerProtocol;

	private final Map<String, Integer> revokedAtEpoch = new ConcurrentHashMap<>();

	/**
	 * Create a listener that records into {@code history} and then calls
	 * {@code delegate}.
	 * @param history where events go
	 * @param delegate the container's previous listener, if any
	 * @param clock the clock used for event times
	 */
	public RecordingRebalanceListener(RebalanceHistory history, @Nullable ConsumerRebalanceListener delegate,
			Clock clock) {
		this(history, delegate, clock, false);
	}

	/**
	 * Create a listener that records into {@code history} and then calls
	 * {@code delegate}.
	 * @param history where events go
	 * @param delegate the container's previous listener, if any
	 * @param clock the clock used for event times
	 * @param consumerProtocol whether the container's consumers use
	 * {@code group.protocol=consumer} (KIP-848)
	 */
	public RecordingRebalanceListener(RebalanceHistory history, @Nullable ConsumerRebalanceListener delegate,
			Clock clock, boolean consumerProtocol) {
		this.history = history;
		this.delegate = delegate;
		this.clock = clock;
		this.consumerProtocol = consumerProtocol;
	}

	/**
	 * The listener this one hands callbacks to.
	 * @return the delegate, or {@code null}
	 */
	public @Nullable ConsumerRebalanceListener getDelegate() {
		return this.delegate;
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Instant start = this.clock.instant();
		try {
			if (this.delegate instanceof ConsumerAwareRebalanceListener aware) {
				aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
			}
			else if (this.delegate != null) {
				this.delegate.onPartitionsRevoked(partitions);
			}
		}
		finally {
			release(consumer, RebalanceEventType.REVOKED, partitions, start);
		}
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (this.delegate instanceof ConsumerAwareRebalanceListener aware) {
			aware.onPartitionsRevokedAfterCommit(consumer, partitions);
		}
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Instant start = this.clock.instant();
		try {
			// Kafka's default onPartitionsLost calls onPartitionsRevoked; a plain
			// delegate keeps that
			// contract, but this class never turns a loss into a revocation itself.
			if (this.delegate instanceof ConsumerAwareRebalanceListener aware) {
				aware.onPartitionsLost(consumer, partitions);
			}
			else if (this.delegate != null) {
				this.delegate.onPartitionsLost(partitions);
			}
		}
		finally {
			release(consumer, RebalanceEventType.LOST, partitions, start);
		}
	}

	/**
	 * How many distinct consumers of the container have received an assignment (possibly
	 * empty) since it was created: the container's consumers have joined their group.
	 * @return the number of consumers
	 */
	public int consumersAssigned() {
		return this.assignedConsumers.size();
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Instant start = this.clock.instant();
		try {
			if (this.delegate instanceof ConsumerAwareRebalanceListener aware) {
				aware.onPartitionsAssigned(consumer, partitions);
			}
			else if (this.delegate != null) {
				this.delegate.onPartitionsAssigned(partitions);
			}
		}
		finally {
			ConsumerInfo info = ConsumerInfo.of(consumer);
			this.assignedConsumers.add(info.clientId());
			Instant released = this.lastRelease.remove(info.clientId());
			long pauseMs = (released != null) ? Math.max(0, start.toEpochMilli() - released.toEpochMilli()) : -1;
			record(info, RebalanceEventType.ASSIGNED, partitions, start, pauseMs, completedGeneration(info));
		}
	}

	private void release(Consumer<?, ?> consumer, RebalanceEventType type, Collection<TopicPartition> partitions,
			Instant start) {
		if (partitions.isEmpty()) {
			// The eager protocol revokes an empty set on every join; it says nothing
			// about the group.
			return;
		}
		ConsumerInfo info = ConsumerInfo.of(consumer);
		if (type == RebalanceEventType.LOST) {
			this.justLost.put(info.clientId(), Set.copyOf(partitions));
		}
		else if (Set.copyOf(partitions).equals(this.justLost.remove(info.clientId()))) {
			// Spring Kafka's container follows every loss with its own revocation of the
			// same partitions;
			// they were lost, not handed over, and counting them twice would hide that.
			return;
		}
		this.lastRelease.putIfAbsent(info.clientId(), start);
		if (this.consumerProtocol && type == RebalanceEventType.REVOKED) {
			this.revokedAtEpoch.put(info.clientId(), info.generation());
		}
		record(info, type, partitions, start, -1, -1);
	}

	/**
	 * The generation an assignment completes. A classic member learns its new generation
	 * before its callbacks run. A consumer-protocol member that gives up partitions runs
	 * both callbacks still at its old member epoch, and moves to a later epoch only once
	 * the broker has its acknowledgement: that reconciliation completes the next epoch,
	 * which members receiving the partitions report as theirs.
	 */
	private int completedGeneration(ConsumerInfo info) {
		Integer revoked = this.revokedAtEpoch.remove(info.clientId());
		if (info.generation() < 0) {
			return -1;
		}
		return (revoked != null && revoked == info.generation()) ? info.generation() + 1 : info.generation();
	}

	private void record(ConsumerInfo info, RebalanceEventType type, Collection<TopicPartition> partitions,
			Instant start, long pauseMs, int completedGeneration) {
		if (info.groupId() == null) {
			return;
		}
		List<TopicPartition> sorted = partitions.stream().sorted(PARTITION_ORDER).toList();
		long callbackMs = Math.max(0, this.clock.millis() - start.toEpochMilli());
		this.history.record(new RebalanceEvent(start, type, info.groupId(), info.clientId(), info.instanceId(),
				info.generation(), sorted, callbackMs, pauseMs), completedGeneration);
	}

	private record ConsumerInfo(@Nullable String groupId, String clientId, @Nullable String instanceId,
			int generation) {

		static ConsumerInfo of(Consumer<?, ?> consumer) {
			String groupId = null;
			String instanceId = null;
			int generation = -1;
			try {
				ConsumerGroupMetadata metadata = consumer.groupMetadata();
				groupId = metadata.groupId();
				instanceId = metadata.groupInstanceId().orElse(null);
				generation = metadata.generationId();
			}
			catch (RuntimeException ex) {
				// No group metadata (manual assignment); nothing to record for a group.
			}
			return new ConsumerInfo(groupId, clientId(consumer), instanceId, generation);
		}

		private static String clientId(Consumer<?, ?> consumer) {
			for (MetricName name : consumer.metrics().keySet()) {
				String clientId = name.tags().get("client-id");
				if (clientId != null) {
					return clientId;
				}
			}
			return "unknown";
		}

	}

}

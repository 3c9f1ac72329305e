package io.github.kafkaresilience.signals;

import java.util.List;
import java.util.Set;

import io.github.kafkaresilience.consumers.ListenerSettings;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

/**
 * What this application knows about one of its own listener containers, read from the
 * container and its consumers' client metrics.
 *
 * @param listenerId the listener id
 * @param groupId the group
 * @param running whether the container runs
 * @param inExpectedState {@code false} when the container stopped on its own (a failure)
 * rather than on request
 * @param paused whether the container is paused on request
 * @param stopReason the reason of the last stop, or {@code null}
 * @param concurrency consumers in the container
 * @param clientIds client ids of the container's consumers, remembered after they stop
 * @param instanceIdBase the {@code group.instance.id} the listener's consumers derive
 * theirs from, or {@code null}
 * @param timeBetweenPollAvgMs average time between polls, the worst consumer's, or
 * {@code null}
 * @param timeBetweenPollMaxMs longest time between polls, the worst consumer's, or
 * {@code null}
 * @param lastPollSecondsAgo seconds since the least recent consumer polled, or
 * {@code null}
 * @param coordinatorRebalanceLatencyMaxMs the client's {@code rebalance-latency-max}, or
 * {@code null}
 * @param settings effective settings captured at startup, or {@code null} when
 * kafka-resilience did not see the container being created
 * @param evidence what the application sees of the listener's partitions
 * @author kafka-resilience
 */
public record LocalListener(String listenerId, String groupId, boolean running, boolean inExpectedState, boolean paused,
		@Nullable Reason stopReason, int concurrency, Set<String> clientIds, @Nullable String instanceIdBase,
		@Nullable Double timeBetweenPollAvgMs, @Nullable Double timeBetweenPollMaxMs,
		@Nullable Double lastPollSecondsAgo, @Nullable Double coordinatorRebalanceLatencyMaxMs,
		@Nullable ListenerSettings settings, ListenerEvidence evidence) {

	public LocalListener {
		clientIds = Set.copyOf(clientIds);
	}

	/**
	 * A listener without evidence from inside the application.
	 * @param listenerId the listener id
	 * @param groupId the group
	 * @param running whether the container runs
	 * @param inExpectedState {@code false} when the container stopped on its own
	 * @param paused whether the container is paused on request
	 * @param stopReason the reason of the last stop, or {@code null}
	 * @param concurrency consumers in the container
	 * @param clientIds client ids of the container's consumers
	 * @param instanceIdBase the base {@code group.instance.id}, or {@code null}
	 * @param timeBetweenPollAvgMs average time between polls, or {@code null}
	 * @param timeBetweenPollMaxMs longest time between polls, or {@code null}
	 * @param lastPollSecondsAgo seconds since the least recent consumer polled, or
	 * {@code null}
	 * @param coordinatorRebalanceLatencyMaxMs the client's {@code rebalance-latency-max},
	 * or {@code null}
	 * @param settings effective settings captured at startup, or {@code null}
	 */
	public LocalListener(String listenerId, String groupId, boolean running, boolean inExpectedState, boolean paused,
			@Nullable Reason stopReason, int concurrency, Set<String> clientIds, @Nullable String instanceIdBase,
			@Nullable Double timeBetweenPollAvgMs, @Nullable Double timeBetweenPollMaxMs,
			@Nullable Double lastPollSecondsAgo, @Nullable Double coordinatorRebalanceLatencyMaxMs,
			@Nullable ListenerSettings settings) {
		this(listenerId, groupId, running, inExpectedState, paused, stopReason, concurrency, clientIds, instanceIdBase,
				timeBetweenPollAvgMs, timeBetweenPollMaxMs, lastPollSecondsAgo, coordinatorRebalanceLatencyMaxMs,
				settings, ListenerEvidence.NONE);
	}

	/**
	 * Whether any of the listeners joins its group with {@code group.protocol=consumer}
	 * (KIP-848), as its startup settings say.
	 * @param listeners the listeners
	 * @return {@code true} if one does
	 */
	/**
	 * The protocol this application's listeners join the group with: {@code CONSUMER}
	 * when any of them uses KIP-848, as before the broker describes the group.
	 * @param listeners the group's local listeners
	 * @return the protocol
	 */
	static GroupProtocol protocolOf(List<LocalListener> listeners) {
		return anyOnConsumerProtocol(listeners) ? GroupProtocol.CONSUMER : GroupProtocol.CLASSIC;
	}

	static boolean anyOnConsumerProtocol(List<LocalListener> listeners) {
		return listeners.stream()
			.anyMatch((listener) -> listener.settings() != null && listener.settings().consumerProtocol());
	}

	/**
	 * Whether the container, or one of its consumers, stopped by itself from a failure.
	 * @return {@code true} when failed
	 */
	public boolean failed() {
		return !this.inExpectedState;
	}

	/**
	 * Whether a broker member is one of this listener's consumers.
	 * @param member the member
	 * @return {@code true} when it is
	 */
	public boolean owns(GroupObservation.Member member) {
		if (this.clientIds.contains(member.clientId())) {
			return true;
		}
		String instanceId = member.instanceId();
		return this.instanceIdBase != null && instanceId != null
				&& (instanceId.equals(this.instanceIdBase) || instanceId.startsWith(this.instanceIdBase + "-"));
	}

}

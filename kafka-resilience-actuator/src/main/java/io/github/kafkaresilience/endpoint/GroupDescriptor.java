package io.github.kafkaresilience.endpoint;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import io.github.kafkaresilience.signals.CapacitySignals;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.GroupView;
import io.github.kafkaresilience.signals.MembershipSignals;
import io.github.kafkaresilience.signals.Owner;
import io.github.kafkaresilience.signals.PollSignals;
import io.github.kafkaresilience.signals.RebalanceSignals;
import io.github.kafkaresilience.signals.Verdict;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One group's signals in the endpoint's JSON. The endpoint owns this shape, so the
 * signals can change inside without changing what dashboards and scripts read.
 *
 * @param groupId the group
 * @param status the verdict for the whole group
 * @param localStatus the verdict for this application's own consumers
 * @param diagnosis the likely cause and the fix
 * @param protocol {@code classic} or {@code consumer}
 * @param lag lag per partition and its rate
 * @param rebalances rebalance count, rate and duration
 * @param poll time between polls against {@code max.poll.interval.ms}
 * @param membership consumers against partitions
 * @param findings what else deserves attention
 * @param listeners this application's containers in the group
 * @param capacity production and consumption rates, time behind, consumers needed
 * @param losses records lost before they were read, or given up on
 * @param brokerSettings the broker's heartbeat interval and session timeout of a
 * consumer-protocol group, with their sources
 * @param view what this instance could not see when its view of the group is local
 * ({@code kafka.resilience.signals.group-scan=one-per-group}); left out when the signals
 * cover the whole group
 * @author kafka-resilience
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupDescriptor(String groupId, Verdict status, Verdict localStatus, String diagnosis, String protocol,
		LagDescriptor lag, RebalancesDescriptor rebalances, PollDescriptor poll, MembershipDescriptor membership,
		List<Finding> findings, List<ListenerDescriptor> listeners, CapacityDescriptor capacity,
		LossesDescriptor losses, @Nullable GroupProtocolSettings brokerSettings,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ViewDescriptor view) implements OperationResponseBody {

	static GroupDescriptor of(GroupSignals group) {
		PollSignals poll = group.poll();
		MembershipSignals membership = group.membership();
		CapacitySignals capacity = group.capacity();
		return new GroupDescriptor(group.groupId(), group.status(), group.localStatus(), group.diagnosis(),
				group.protocol().name().toLowerCase(Locale.ROOT), LagDescriptor.of(group.lag()),
				RebalancesDescriptor.of(group.rebalances()),
				new PollDescriptor(poll.maxPollIntervalMs(), poll.timeBetweenPollAvgMs(), poll.timeBetweenPollMaxMs(),
						poll.lastPollSecondsAgo(), poll.maxPollIntervalUsedRatio()),
				new MembershipDescriptor(membership.members(), membership.partitions(), membership.idleMembers(),
						membership.unassignedPartitions(), membership.state().toString()),
				group.findings(), group.listeners().stream().map(ListenerDescriptor::of).toList(),
				new CapacityDescriptor(capacity.productionPerSecond(), capacity.consumptionPerSecond(),
						capacity.activeConsumers(), capacity.consumersNeeded(), capacity.timeBehindMs(),
						LagDescriptor.label(capacity.timeBehindSource())),
				new LossesDescriptor(group.losses().recordsLost(), group.losses().recordsGivenUp()),
				group.brokerSettings(), ViewDescriptor.of(group.view()));
	}

	/**
	 * A local view of the group: {@link GroupView}.
	 *
	 * @param scope {@code local}
	 * @param partitionsSeen partitions the signals cover: this instance's own
	 * @param partitions partitions of the group at this instance's last group-wide scan
	 * @param scanner the member that scans the whole group on every refresh, or
	 * {@code null} when none owned the first partition at the last scan
	 * @param groupScannedAt epoch milliseconds of this instance's last group-wide scan
	 * @param note what the view could not see and where to read the whole group
	 */
	public record ViewDescriptor(String scope, int partitionsSeen, int partitions,
			LagDescriptor.@Nullable OwnerDescriptor scanner, @Nullable Long groupScannedAt, @Nullable String note) {

		static @Nullable ViewDescriptor of(GroupView view) {
			if (!view.local()) {
				return null;
			}
			Owner scanner = view.scanner();
			return new ViewDescriptor(view.scope().name().toLowerCase(Locale.ROOT), view.partitionsSeen(),
					view.partitions(),
					(scanner != null) ? new LagDescriptor.OwnerDescriptor(scanner.clientId(), scanner.instanceId(),
							scanner.host()) : null,
					(view.groupScannedAt() != null) ? view.groupScannedAt().toEpochMilli() : null, view.note());
		}

	}

	/**
	 * Rebalances this application's consumers took part in: {@link RebalanceSignals}.
	 *
	 * @param total rebalances completed since the application started
	 * @param ratePerHour rebalances completed in the last hour
	 * @param lastSecondsAgo seconds since the last one, or {@code null}
	 * @param lastDurationMs how long the last one stopped a consumer, or {@code null}
	 * @param recent the most recent rebalance events, newest last
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RebalancesDescriptor(long total, double ratePerHour, @Nullable Long lastSecondsAgo,
			@Nullable Long lastDurationMs, List<RebalanceEventDescriptor> recent) {

		static RebalancesDescriptor of(RebalanceSignals rebalances) {
			return new RebalancesDescriptor(rebalances.total(), rebalances.ratePerHour(), rebalances.lastSecondsAgo(),
					rebalances.lastDurationMs(),
					rebalances.recent()
						.stream()
						.map((event) -> new RebalanceEventDescriptor(event.time(), event.type().name(),
								event.clientId(), event.partitions(), event.pauseMs()))
						.toList());
		}

	}

	/**
	 * One recorded rebalance callback.
	 *
	 * @param time epoch milliseconds
	 * @param type {@code ASSIGNED}, {@code REVOKED} or {@code LOST}
	 * @param clientId the consumer
	 * @param partitions how many partitions were concerned
	 * @param pauseMs the time since the same consumer's revocation, or -1
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RebalanceEventDescriptor(long time, String type, String clientId, int partitions, long pauseMs) {

	}

	/**
	 * Time between polls against {@code max.poll.interval.ms}: {@link PollSignals}.
	 *
	 * @param maxPollIntervalMs the effective {@code max.poll.interval.ms}
	 * @param timeBetweenPollAvgMs average time between polls, or {@code null}
	 * @param timeBetweenPollMaxMs longest time between polls, or {@code null}
	 * @param lastPollSecondsAgo seconds since the least recent consumer polled, or
	 * {@code null}
	 * @param maxPollIntervalUsedRatio how much of {@code max.poll.interval.ms} is used
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record PollDescriptor(long maxPollIntervalMs, @Nullable Double timeBetweenPollAvgMs,
			@Nullable Double timeBetweenPollMaxMs, @Nullable Double lastPollSecondsAgo,
			double maxPollIntervalUsedRatio) {

	}

	/**
	 * Consumers against partitions: {@link MembershipSignals}.
	 *
	 * @param members members of the group, in every application
	 * @param partitions partitions of the group's topics
	 * @param idleMembers members with no partition
	 * @param unassignedPartitions partitions without a live owner
	 * @param state the group state as Kafka names it, for example {@code Stable}
	 */
	public record MembershipDescriptor(int members, int partitions, int idleMembers, int unassignedPartitions,
			String state) {

	}

	/**
	 * Rates, time behind and consumers needed: {@link CapacitySignals}.
	 *
	 * @param productionPerSecond records written per second
	 * @param consumptionPerSecond records consumed per second
	 * @param activeConsumers members that own at least one partition
	 * @param consumersNeeded consumers needed to keep up, or {@code null}
	 * @param timeBehindMs the largest time behind, or {@code null}
	 * @param timeBehindSource {@code record-timestamp} or {@code estimate}, or
	 * {@code null}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record CapacityDescriptor(double productionPerSecond, double consumptionPerSecond, int activeConsumers,
			@Nullable Integer consumersNeeded, @Nullable Long timeBehindMs, @Nullable String timeBehindSource) {

	}

	/**
	 * Records written but not processed, since this application started.
	 *
	 * @param recordsLost records deleted before the group read them
	 * @param recordsGivenUp records this application's listeners left behind
	 */
	public record LossesDescriptor(long recordsLost, long recordsGivenUp) {

	}

}

package io.github.kafkaresilience.signals;

import java.util.List;

import io.github.kafkaresilience.rebalance.RebalanceEventType;

import org.jspecify.annotations.Nullable;

/**
 * Rebalances this application's consumers of a group took part in.
 *
 * @param total rebalances completed since the application started (distinct group
 * generations seen)
 * @param ratePerHour rebalances completed in the last hour
 * @param lastSecondsAgo seconds since the last completed rebalance, or {@code null} when
 * none
 * @param lastDurationMs how long the last rebalance stopped a consumer of this
 * application, or {@code null} when unknown
 * @param recent the most recent rebalance events, newest last
 * @author kafka-resilience
 */
public record RebalanceSignals(long total, double ratePerHour, @Nullable Long lastSecondsAgo,
		@Nullable Long lastDurationMs, List<RebalanceEventSummary> recent) {

	public RebalanceSignals {
		recent = List.copyOf(recent);
	}

	/**
	 * One recorded rebalance callback.
	 *
	 * @param time epoch milliseconds
	 * @param type {@code ASSIGNED}, {@code REVOKED} or {@code LOST}
	 * @param clientId the consumer
	 * @param partitions how many partitions were concerned
	 * @param pauseMs for an assignment after a revocation by the same consumer, the time
	 * in between, or -1
	 */
	public record RebalanceEventSummary(long time, RebalanceEventType type, String clientId, int partitions,
			long pauseMs) {

	}

}

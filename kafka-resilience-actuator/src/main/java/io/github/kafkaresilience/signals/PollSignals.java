package io.github.kafkaresilience.signals;

import org.jspecify.annotations.Nullable;

/**
 * Time between polls of this application's consumers of a group, against
 * {@code max.poll.interval.ms}.
 *
 * @param maxPollIntervalMs the effective {@code max.poll.interval.ms}
 * @param timeBetweenPollAvgMs average time between polls over the client's metric window,
 * or {@code null}
 * @param timeBetweenPollMaxMs longest time between polls over the client's metric window,
 * or {@code null}
 * @param lastPollSecondsAgo seconds since the least recent consumer last polled, or
 * {@code null}
 * @param maxPollIntervalUsedRatio the larger of the longest time between polls and the
 * time since the last poll, divided by {@code max.poll.interval.ms}; 1 or more means the
 * consumer is evicted
 * @author kafka-resilience
 */
public record PollSignals(long maxPollIntervalMs, @Nullable Double timeBetweenPollAvgMs,
		@Nullable Double timeBetweenPollMaxMs, @Nullable Double lastPollSecondsAgo, double maxPollIntervalUsedRatio) {

}

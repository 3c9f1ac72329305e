package io.github.kafkaresilience.signals;

import java.time.Duration;

/**
 * Thresholds for the verdicts and findings.
 *
 * @param refreshInterval time between two refreshes
 * @param window how far back lag rate and offset progress are judged
 * @param requestTimeout bound on each broker call of a refresh
 * @param lagGrowthThreshold records by which lag must rise (or fall) across the window to
 * count as a trend
 * @param stuckPollRatio share of {@code max.poll.interval.ms} after which a poll loop
 * that has not returned counts as stuck
 * @param pollIntervalWarnRatio share of {@code max.poll.interval.ms} that the longest
 * time between polls may reach before a finding warns
 * @param rebalanceStormPerHour rebalances per hour above which a finding reports a
 * rebalance storm
 * @param groupScan which instances scan a group's whole picture
 * @author kafka-resilience
 */
public record SignalsSettings(Duration refreshInterval, Duration window, Duration requestTimeout,
		long lagGrowthThreshold, double stuckPollRatio, double pollIntervalWarnRatio, double rebalanceStormPerHour,
		GroupScan groupScan) {

	/**
	 * Settings with every instance scanning its groups.
	 * @param refreshInterval time between two refreshes
	 * @param window how far back lag rate and offset progress are judged
	 * @param requestTimeout bound on each broker call of a refresh
	 * @param lagGrowthThreshold records by which lag must rise (or fall) across the
	 * window to count as a trend
	 * @param stuckPollRatio share of {@code max.poll.interval.ms} after which a poll loop
	 * that has not returned counts as stuck
	 * @param pollIntervalWarnRatio share of {@code max.poll.interval.ms} that the longest
	 * time between polls may reach before a finding warns
	 * @param rebalanceStormPerHour rebalances per hour above which a finding reports a
	 * rebalance storm
	 */
	public SignalsSettings(Duration refreshInterval, Duration window, Duration requestTimeout, long lagGrowthThreshold,
			double stuckPollRatio, double pollIntervalWarnRatio, double rebalanceStormPerHour) {
		this(refreshInterval, window, requestTimeout, lagGrowthThreshold, stuckPollRatio, pollIntervalWarnRatio,
				rebalanceStormPerHour, GroupScan.EVERY_INSTANCE);
	}

	/**
	 * Shortest span of samples over which offset progress is judged; shorter spans say
	 * UNKNOWN.
	 * @return half the window, and at least one refresh interval
	 */
	public Duration minimumSpan() {
		Duration half = this.window.dividedBy(2);
		return (half.compareTo(this.refreshInterval) > 0) ? half : this.refreshInterval;
	}

}

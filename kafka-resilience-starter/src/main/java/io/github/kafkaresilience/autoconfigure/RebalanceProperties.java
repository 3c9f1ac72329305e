package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Recording of rebalance events, and what a member does while a rebalance refuses its
 * commits.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.rebalance")
public class RebalanceProperties extends SelfValidatingProperties {

	/**
	 * Number of most recent rebalance events kept per consumer group; totals count every
	 * event.
	 */
	private int historySize = 200;

	/**
	 * How long a classic-protocol member keeps consuming while a rebalance refuses its
	 * commits. After that its partitions are paused until the rebalance assigns them, so
	 * a member killed during a long rebalance (one that waits for a crashed member's
	 * session) replays at most this much work plus one poll; the price is consuming
	 * nothing for the rest of that wait. 0s pauses at the first refused commit. Unset
	 * keeps consuming through the whole rebalance, as Kafka's cooperative protocol does.
	 */
	private @Nullable Duration maxUncommittedTime;

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		this.historySize = historySize;
	}

	public @Nullable Duration getMaxUncommittedTime() {
		return this.maxUncommittedTime;
	}

	public void setMaxUncommittedTime(@Nullable Duration maxUncommittedTime) {
		this.maxUncommittedTime = maxUncommittedTime;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.atLeast(errors, "historySize", getHistorySize(), 1,
				"The rebalance history must keep at least one event per group: set it to 1 or more (default 200).");
		PropertyChecks.notNegative(errors, "maxUncommittedTime", getMaxUncommittedTime(), "2s");
	}

}

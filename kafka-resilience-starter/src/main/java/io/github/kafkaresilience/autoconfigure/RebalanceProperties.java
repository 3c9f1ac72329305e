package io.github.kafkaresilience.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Recording of rebalance events.
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

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		this.historySize = historySize;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.atLeast(errors, "historySize", getHistorySize(), 1,
				"The rebalance history must keep at least one event per group: set it to 1 or more (default 200).");
	}

}

package io.github.kafkaresilience.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Recording of rebalance events.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.rebalance")
public class RebalanceProperties {

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

}

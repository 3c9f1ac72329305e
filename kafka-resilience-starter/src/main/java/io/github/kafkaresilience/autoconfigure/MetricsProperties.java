package io.github.kafkaresilience.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Micrometer meters for the consumer signals.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.metrics")
public class MetricsProperties {

	/**
	 * Whether to register a lag gauge per partition (tags group, topic, partition). Off
	 * by default: the number of time series grows with partitions.
	 */
	private boolean perPartition = false;

	public boolean isPerPartition() {
		return this.perPartition;
	}

	public void setPerPartition(boolean perPartition) {
		this.perPartition = perPartition;
	}

}

package io.github.kafkaresilience.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the demo: the topic, and the starting values of the knobs that
 * {@link DemoController} changes at runtime.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Topic the orders are produced to and consumed from.
	 */
	private String topic = "orders";

	/**
	 * Partitions of the topic when the application creates it.
	 */
	private int partitions = 12;

	/**
	 * Time the listener spends on each order.
	 */
	private Duration processingDelay = Duration.ofMillis(5);

	/**
	 * Orders the load generator produces per second; 0 produces none.
	 */
	private double rate = 50;

	public String getTopic() {
		return this.topic;
	}

	public void setTopic(String topic) {
		this.topic = topic;
	}

	public int getPartitions() {
		return this.partitions;
	}

	public void setPartitions(int partitions) {
		this.partitions = partitions;
	}

	public Duration getProcessingDelay() {
		return this.processingDelay;
	}

	public void setProcessingDelay(Duration processingDelay) {
		this.processingDelay = processingDelay;
	}

	public double getRate() {
		return this.rate;
	}

	public void setRate(double rate) {
		this.rate = rate;
	}

}

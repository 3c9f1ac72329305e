package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * The durability check of the application's producers: each producer factory's
 * {@code acks} and idempotence against the replication, {@code min.insync.replicas} and
 * unclean leader election of the topics it writes to. It only reads and reports; it never
 * changes a producer or a topic.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.producers")
public class ProducersProperties extends SelfValidatingProperties {

	/**
	 * Whether to check the durability of the application's producers and the topics they
	 * write to (startup report, kafkaproducers endpoint).
	 */
	private boolean enabled = true;

	/**
	 * Topics the producers write to, checked from startup on, before any record is sent.
	 * Topics of NewTopic beans, KafkaTemplate default topics and every topic a producer
	 * has sent to are found without being listed.
	 */
	private List<String> topics = new ArrayList<>();

	/**
	 * Time between checks. A topic's settings are read from the broker at most every 10
	 * minutes; a topic first sent to is read at the next check.
	 */
	private Duration checkInterval = Duration.ofMinutes(1);

	/**
	 * Longest wait for one broker request of a check.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getTopics() {
		return this.topics;
	}

	public void setTopics(List<String> topics) {
		this.topics = topics;
	}

	public Duration getCheckInterval() {
		return this.checkInterval;
	}

	public void setCheckInterval(Duration checkInterval) {
		this.checkInterval = checkInterval;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.positive(errors, "checkInterval", getCheckInterval(), "1m");
		PropertyChecks.positive(errors, "requestTimeout", getRequestTimeout(), "5s");
	}

}

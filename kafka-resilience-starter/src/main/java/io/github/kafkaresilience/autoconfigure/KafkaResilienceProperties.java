package io.github.kafkaresilience.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Master switch and per-listener overrides of kafka-resilience.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience")
public class KafkaResilienceProperties {

	/**
	 * Whether to apply kafka-resilience to the application's Kafka consumers. When false,
	 * Spring Boot's plain Kafka behaviour is left untouched.
	 */
	private boolean enabled = true;

	/**
	 * Overrides per listener id (@KafkaListener(id = ...)), taking precedence over the
	 * global kafka.resilience.consumer.* and kafka.resilience.static-membership.* values.
	 */
	private Map<String, ListenerProperties> listeners = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, ListenerProperties> getListeners() {
		return this.listeners;
	}

	public void setListeners(Map<String, ListenerProperties> listeners) {
		this.listeners = listeners;
	}

}

package io.github.kafkaresilience.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.kafkaresilience.defaults.ConsumerDefaults;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Master switch, consumer defaults and per-listener overrides of kafka-resilience.
 * <p>
 * It validates itself as Boot binds it: each consumer section when it is bound, so that a
 * bad value fails with Boot's failure analysis showing where it was set. The global
 * section is bound before the listeners' (Boot binds a bean's properties in name order),
 * so a listener's section is checked against the merged values it will run with.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience")
public class KafkaResilienceProperties implements Validator {

	/**
	 * Whether to apply kafka-resilience to the application's Kafka consumers. When false,
	 * Spring Boot's plain Kafka behaviour is left untouched.
	 */
	private boolean enabled = true;

	@NestedConfigurationProperty
	private final ConsumerProperties consumer = new ConsumerProperties();

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

	public ConsumerProperties getConsumer() {
		return this.consumer;
	}

	public Map<String, ListenerProperties> getListeners() {
		return this.listeners;
	}

	public void setListeners(Map<String, ListenerProperties> listeners) {
		this.listeners = listeners;
	}

	/**
	 * The consumer values of the global section over kafka-resilience's defaults.
	 * @return the merged values
	 */
	public ConsumerDefaults consumerDefaults() {
		return this.consumer.applyTo(ConsumerDefaults.DEFAULTS);
	}

	@Override
	public boolean supports(Class<?> type) {
		return ConsumerProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		ConsumerProperties section = (ConsumerProperties) target;
		ConsumerDefaults base = (section == this.consumer) ? ConsumerDefaults.DEFAULTS : consumerDefaults();
		section.validate(base, errors, getClass().getClassLoader());
	}

}

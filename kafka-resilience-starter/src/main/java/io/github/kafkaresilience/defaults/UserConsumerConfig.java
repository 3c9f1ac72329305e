package io.github.kafkaresilience.defaults;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * The consumer configuration the user set for one listener: the container's properties
 * (including {@code @KafkaListener} properties) first, then the consumer factory's.
 *
 * @param factory the consumer factory's configuration
 * @param container the container's consumer properties
 * @author kafka-resilience
 */
record UserConsumerConfig(Map<String, Object> factory, Properties container) {

	/**
	 * The value the user set for a key, as text.
	 * @param key the Kafka key
	 * @return the trimmed value, or {@code null} when unset or blank
	 */
	@Nullable String value(String key) {
		Object value = this.container.get(key);
		if (value == null) {
			value = this.container.getProperty(key);
		}
		if (value == null) {
			value = this.factory.get(key);
		}
		String text = render(value);
		return (text != null && !text.isBlank()) ? text.trim() : null;
	}

	boolean has(String key) {
		return value(key) != null;
	}

	/**
	 * A number of milliseconds the user set, or the fallback.
	 * @param key the Kafka key
	 * @param fallback the value when the user set none
	 * @return milliseconds
	 * @throws InvalidKafkaResilienceConfigurationException if the value is not a number
	 */
	long millis(String key, Duration fallback) {
		String value = value(key);
		if (value == null) {
			return fallback.toMillis();
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidKafkaResilienceConfigurationException(key,
					"'" + value + "' is not a number of " + "milliseconds.",
					"Set " + key + " to a whole number of milliseconds.");
		}
	}

	/**
	 * A configuration value as Kafka would read it back: class names for classes, lists
	 * joined with commas.
	 * @param value the value
	 * @return the text, or {@code null}
	 */
	static @Nullable String render(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Class<?> type) {
			return type.getName();
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(UserConsumerConfig::render).collect(Collectors.joining(","));
		}
		return value.toString();
	}

}

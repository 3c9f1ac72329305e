package io.github.kafkaresilience.consumers;

/**
 * Where the effective value of a consumer setting came from.
 *
 * @author kafka-resilience
 */
public enum SettingSource {

	/**
	 * Set by the user: {@code spring.kafka.*}, a {@code @KafkaListener} attribute,
	 * container properties or a user-defined consumer factory.
	 */
	USER("user"),

	/**
	 * Filled in by kafka-resilience because the Kafka configuration set nothing: its
	 * default, or the user's {@code kafka.resilience.*} value.
	 */
	KAFKA_RESILIENCE("kafka-resilience"),

	/**
	 * Nobody set it; the Kafka client uses its own default.
	 */
	KAFKA_DEFAULT("Kafka default");

	private final String label;

	SettingSource(String label) {
		this.label = label;
	}

	/**
	 * Human-readable name used in the startup report.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}

package io.github.kafkaresilience.diagnostics;

/**
 * Thrown at startup when a consumer would run with a configuration that cannot work;
 * names the property at fault and the fix.
 *
 * @author kafka-resilience
 */
public class InvalidKafkaResilienceConfigurationException extends RuntimeException {

	private final String property;

	private final String description;

	private final String action;

	/**
	 * Create a new instance.
	 * @param property the property at fault, as the user would write it
	 * @param description what is wrong
	 * @param action how to fix it
	 */
	public InvalidKafkaResilienceConfigurationException(String property, String description, String action) {
		super(description + " " + action);
		this.property = property;
		this.description = description;
		this.action = action;
	}

	/**
	 * The property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What is wrong.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}

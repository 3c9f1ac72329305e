package io.github.kafkaresilience.consumers;

/**
 * Something worth a user's attention about a consumer, with the fix.
 *
 * @param severity how much it matters
 * @param code a stable identifier, for alerting and documentation
 * @param message one or two sentences naming the cause and the fix
 * @author kafka-resilience
 */
public record Finding(Severity severity, String code, String message) {

	/**
	 * How much a finding matters.
	 */
	public enum Severity {

		/**
		 * Informational: a choice was made on the user's behalf.
		 */
		INFO,

		/**
		 * Works, but is likely to hurt in production.
		 */
		WARN,

		/**
		 * Broken: consumption is affected now.
		 */
		ERROR

	}

}

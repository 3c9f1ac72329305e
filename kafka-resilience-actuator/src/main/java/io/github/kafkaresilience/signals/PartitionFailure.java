package io.github.kafkaresilience.signals;

import org.jspecify.annotations.Nullable;

/**
 * A record that keeps failing in this application's listener.
 *
 * @param offset the record's offset
 * @param attempts how many times the listener failed on it
 * @param exceptionClass the exception's class name
 * @param message the exception's message, shortened and with secrets masked, or
 * {@code null}
 * @param failingForMs how long it has been failing
 * @author kafka-resilience
 */
public record PartitionFailure(long offset, int attempts, String exceptionClass, @Nullable String message,
		long failingForMs) {

	/**
	 * The exception's simple class name, for sentences.
	 * @return the name after the last dot
	 */
	public String exceptionSimpleName() {
		int dot = this.exceptionClass.lastIndexOf('.');
		return (dot >= 0) ? this.exceptionClass.substring(dot + 1) : this.exceptionClass;
	}

}

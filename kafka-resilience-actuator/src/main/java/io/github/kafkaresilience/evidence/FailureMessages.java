package io.github.kafkaresilience.evidence;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Shortens an exception message for display and masks what looks like a credential, since
 * listener exceptions often quote the record or the connection string that failed.
 *
 * @author kafka-resilience
 */
public final class FailureMessages {

	static final int MAX_LENGTH = 200;

	private static final Pattern SECRET = Pattern.compile(
			"(?i)(password|passwd|secret|token|credential|api[_-]?key|authorization|jaas)([\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|\\S+)");

	private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

	private FailureMessages() {
	}

	/**
	 * A message fit to show: one line, at most 200 characters, credentials masked.
	 * @param message the raw message
	 * @return the sanitized message, or {@code null}
	 */
	public static @Nullable String sanitize(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return null;
		}
		String line = message.replaceAll("\\s+", " ").trim();
		line = SECRET.matcher(line).replaceAll("$1$2******");
		line = USER_INFO.matcher(line).replaceAll("$1******@");
		return (line.length() > MAX_LENGTH) ? line.substring(0, MAX_LENGTH - 1) + "…" : line;
	}

}

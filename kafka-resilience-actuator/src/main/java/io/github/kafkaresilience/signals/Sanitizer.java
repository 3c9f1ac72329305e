package io.github.kafkaresilience.signals;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Masks configuration values that may hold secrets before they are shown anywhere.
 *
 * @author kafka-resilience
 */
public final class Sanitizer {

	/**
	 * What a masked value reads as.
	 */
	public static final String MASK = "******";

	private static final List<String> SENSITIVE = List.of("password", "secret", "credential", "token", "jaas",
			"basic.auth.user.info", "key.password", "keystore", "truststore.certificates", "private");

	private Sanitizer() {
	}

	/**
	 * The value to show for a key.
	 * @param key the configuration key
	 * @param value the value
	 * @return the value, or {@link #MASK} when the key may hold a secret
	 */
	public static @Nullable String sanitize(String key, @Nullable String value) {
		return (value != null && isSensitive(key)) ? MASK : value;
	}

	/**
	 * Whether a key may hold a secret.
	 * @param key the configuration key
	 * @return {@code true} when its value must not be shown
	 */
	public static boolean isSensitive(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		return SENSITIVE.stream().anyMatch(lower::contains);
	}

}

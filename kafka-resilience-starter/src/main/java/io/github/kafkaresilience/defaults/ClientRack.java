package io.github.kafkaresilience.defaults;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * This instance's rack (zone) for the consumers' {@code client.rack}, and where it comes
 * from.
 *
 * @param id the rack
 * @param origin where it was found, for the startup report
 * @author kafka-resilience
 */
public record ClientRack(String id, String origin) {

	/**
	 * The rack configured explicitly, else the one in the environment variable.
	 * @param configured {@code kafka.resilience.rack.id}, or {@code null}
	 * @param variable the name of the environment variable to read, or {@code null}
	 * @param environment looks up environment variables (and properties) by name
	 * @return the rack, or {@code null} when neither names one
	 */
	public static @Nullable ClientRack resolve(@Nullable String configured, @Nullable String variable,
			UnaryOperator<@Nullable String> environment) {
		if (configured != null && !configured.isBlank()) {
			return new ClientRack(configured.trim(), "kafka.resilience.rack.id");
		}
		if (variable != null && !variable.isBlank()) {
			String value = environment.apply(variable.trim());
			if (value != null && !value.isBlank()) {
				return new ClientRack(value.trim(), "environment variable " + variable.trim());
			}
		}
		return null;
	}

}

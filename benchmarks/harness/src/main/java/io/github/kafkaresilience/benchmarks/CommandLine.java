package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name VALUE} arguments of a benchmark's command line. Flags (options
 * without a value) and repeatable options are declared up front; every other option may
 * appear once, and {@link #checkAllUsed()} rejects any that no benchmark asked for, so a
 * typo never silently runs with a default.
 *
 * @author kafka-resilience
 */
final class CommandLine {

	private final Map<String, String> values = new LinkedHashMap<>();

	private final Map<String, List<String>> repeated = new LinkedHashMap<>();

	private final List<String> flags = new ArrayList<>();

	private final List<String> used = new ArrayList<>();

	/**
	 * Parse arguments.
	 * @param args the arguments
	 * @param flagNames options that take no value, without the leading dashes
	 * @param repeatableNames options that may appear more than once
	 * @throws IllegalArgumentException on an argument that is not {@code --name VALUE}
	 */
	CommandLine(String[] args, Set<String> flagNames, Set<String> repeatableNames) {
		for (int i = 0; i < args.length; i++) {
			String argument = args[i];
			String name = argument.startsWith("--") ? argument.substring(2) : null;
			if (name != null && flagNames.contains(name)) {
				this.flags.add(name);
				continue;
			}
			if (name == null || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --option VALUE at '" + argument + "'");
			}
			String value = args[++i];
			if (repeatableNames.contains(name)) {
				this.repeated.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
			else {
				this.values.put(name, value);
			}
		}
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

	List<String> all(String name) {
		return this.repeated.getOrDefault(name, List.of());
	}

	String text(String name, String fallback) {
		this.used.add(name);
		return this.values.getOrDefault(name, fallback);
	}

	int number(String name, int fallback) {
		String value = text(name, null);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	Duration seconds(String name, int fallback) {
		return Duration.ofSeconds(number(name, fallback));
	}

	/**
	 * Reject options that no one asked for.
	 * @throws IllegalArgumentException naming the unknown options
	 */
	void checkAllUsed() {
		List<String> unknown = this.values.keySet().stream().filter((name) -> !this.used.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s): " + unknown);
		}
	}

	/**
	 * Split a {@code KEY=VALUE} argument.
	 * @param option the option's name, for the error message
	 * @param value the argument
	 * @return the key and the value
	 */
	static Map.Entry<String, String> keyValue(String option, String value) {
		int split = value.indexOf('=');
		if (split < 1) {
			throw new IllegalArgumentException("--" + option + " needs KEY=VALUE, got '" + value + "'");
		}
		return Map.entry(value.substring(0, split), value.substring(split + 1));
	}

}

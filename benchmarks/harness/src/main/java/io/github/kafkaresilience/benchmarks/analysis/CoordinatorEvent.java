package io.github.kafkaresilience.benchmarks.analysis;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group coordinator line from the broker's log that says the group's membership or
 * assignment changed. The broker is ours, so its own account of each rebalance is more
 * exact than anything sampled from outside.
 *
 * @param atMs when the broker logged it, in epoch milliseconds
 * @param kind what the coordinator did
 * @param generation the classic generation or consumer-protocol epoch, or -1
 * @param line the message, for the run's summary
 * @author kafka-resilience
 */
public record CoordinatorEvent(long atMs, Kind kind, int generation, String line) {

	// The harness's logback pattern starts every broker line with an ISO-8601 timestamp.
	private static final Pattern TIMESTAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\S+)\\s");

	/**
	 * What the coordinator did, as Kafka 4.2's {@code GroupMetadataManager} words it.
	 */
	public enum Kind {

		/** A classic group started a rebalance. */
		PREPARING_REBALANCE("Preparing to rebalance group %s in state \\S+ with old generation (\\d+)"),
		/** A classic group completed a rebalance and entered a new generation. */
		STABILIZED("Stabilized group %s generation (\\d+)"),
		/** A consumer-protocol (KIP-848) group computed the assignment of a new epoch. */
		TARGET_ASSIGNMENT("\\[GroupId %s\\] Computed a new target assignment for epoch (\\d+)"),
		/** A member left on purpose: a LeaveGroup request or a leave heartbeat. */
		LEFT("\\[Group(?:Id)? %s\\] (?:(?:(?:Dynamic|Static) member|Member) \\S+ (?:with instance id \\S+ )?has left group"
				+ "|(?:Static member \\S+ with instance id \\S+|Member \\S+) left the consumer group)"),
		/** A static consumer-protocol member left for now, keeping its place. */
		LEFT_TEMPORARILY("\\[GroupId %s\\] Static member \\S+ with instance id \\S+ temporarily left"),
		/** The coordinator removed a member it stopped hearing from (session timeout). */
		EXPIRED("(?:Member \\S+ in group %s has failed|\\[GroupId %s\\] Member \\S+ fenced from the group)");

		private final String template;

		Kind(String template) {
			this.template = template;
		}

	}

	/**
	 * A parser for the broker log lines about one group.
	 * @param group the consumer group
	 * @return the parser: an event, or empty for a line about something else
	 */
	public static Function<String, Optional<CoordinatorEvent>> parser(String group) {
		Map<Kind, Pattern> patterns = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			patterns.put(kind, Pattern.compile(kind.template.replace("%s", Pattern.quote(group))));
		}
		return (line) -> {
			Matcher timestamp = TIMESTAMP.matcher(line);
			if (!timestamp.find()) {
				return Optional.empty();
			}
			for (Map.Entry<Kind, Pattern> entry : patterns.entrySet()) {
				Matcher matcher = entry.getValue().matcher(line);
				if (matcher.find()) {
					try {
						long atMs = OffsetDateTime.parse(timestamp.group(1)).toInstant().toEpochMilli();
						int generation = (matcher.groupCount() >= 1) ? Integer.parseInt(matcher.group(1)) : -1;
						return Optional.of(new CoordinatorEvent(atMs, entry.getKey(), generation,
								line.substring(matcher.start())));
					}
					catch (DateTimeParseException ex) {
						return Optional.empty();
					}
				}
			}
			return Optional.empty();
		};
	}

}

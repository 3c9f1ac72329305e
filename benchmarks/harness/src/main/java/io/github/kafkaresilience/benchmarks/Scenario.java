package io.github.kafkaresilience.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named consumer configuration to benchmark: the arguments every consumer instance gets
 * and any broker settings it needs. {@value #INSTANCE} in an argument becomes the
 * instance's name, for settings such as a static instance id.
 *
 * @param name the name used on the command line
 * @param description one sentence for the README and the run's settings
 * @param applicationArguments arguments passed to every consumer instance
 * @param brokerProperties broker settings on top of the harness's defaults
 * @author kafka-resilience
 */
public record Scenario(String name, String description, List<String> applicationArguments,
		Map<String, String> brokerProperties) {

	/**
	 * Placeholder for the instance name in application arguments.
	 */
	public static final String INSTANCE = "{instance}";

	/**
	 * The argument that turns kafka-resilience off: Spring Boot's plain behaviour.
	 */
	static final String PLAIN = "--kafka.resilience.enabled=false";

	private static final String COOPERATIVE_ONLY = "--spring.kafka.consumer.properties[partition.assignment.strategy]="
			+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

	private static final String CONSUMER_PROTOCOL = "--spring.kafka.consumer.properties[group.protocol]=consumer";

	private static final String STARTER_STATIC_ID = "--kafka.resilience.static-membership.instance-id=" + INSTANCE;

	private static final Map<String, Scenario> KNOWN = new LinkedHashMap<>();

	static {
		add("plain", "Spring Boot without kafka-resilience: Kafka's defaults (Range first, so eager; heartbeat 3 s)",
				PLAIN);
		add("plain-cooperative", "Spring Boot without kafka-resilience, CooperativeStickyAssignor only", PLAIN,
				COOPERATIVE_ONLY);
		add("plain-heartbeat-1s", "Spring Boot without kafka-resilience, heartbeat.interval.ms=1000", PLAIN,
				"--spring.kafka.consumer.heartbeat-interval=1s");
		add("plain-static-cooperative",
				"Spring Boot without kafka-resilience, group.instance.id per instance, CooperativeStickyAssignor only",
				PLAIN, COOPERATIVE_ONLY, "--spring.kafka.consumer.properties[group.instance.id]=" + INSTANCE);
		add("starter", "kafka-resilience defaults (dynamic members here: this host is not a Kubernetes pod)");
		add("starter-static", "kafka-resilience, static membership always, instance id per instance, leave on stop",
				"--kafka.resilience.static-membership.mode=always", STARTER_STATIC_ID);
		add("starter-static-stay",
				"kafka-resilience, static membership always, instance id per instance, keep the place on stop",
				"--kafka.resilience.static-membership.mode=always", STARTER_STATIC_ID,
				"--kafka.resilience.shutdown.leave-group=false");
		add("plain-consumer-protocol", "Spring Boot without kafka-resilience, group.protocol=consumer (KIP-848)", PLAIN,
				CONSUMER_PROTOCOL);
		add("starter-consumer-protocol", "kafka-resilience with group.protocol=consumer (KIP-848)", CONSUMER_PROTOCOL);
	}

	/**
	 * Create a scenario, copying its collections.
	 */
	public Scenario {
		applicationArguments = List.copyOf(applicationArguments);
		brokerProperties = Map.copyOf(brokerProperties);
	}

	private static void add(String name, String description, String... arguments) {
		KNOWN.put(name, new Scenario(name, description, List.of(arguments), Map.of()));
	}

	/**
	 * The scenario with the given name.
	 * @param name the name
	 * @return the scenario
	 * @throws IllegalArgumentException if there is none
	 */
	public static Scenario named(String name) {
		Scenario scenario = KNOWN.get(name);
		if (scenario == null) {
			throw new IllegalArgumentException("Unknown scenario '" + name + "'; known: " + KNOWN.keySet());
		}
		return scenario;
	}

	/**
	 * Every known scenario, in definition order.
	 * @return the scenarios
	 */
	public static List<Scenario> all() {
		return List.copyOf(KNOWN.values());
	}

	/**
	 * The application arguments for one instance.
	 * @param instance the instance name
	 * @return the arguments with {@value #INSTANCE} replaced
	 */
	public List<String> argumentsFor(String instance) {
		return this.applicationArguments.stream().map((argument) -> argument.replace(INSTANCE, instance)).toList();
	}

}

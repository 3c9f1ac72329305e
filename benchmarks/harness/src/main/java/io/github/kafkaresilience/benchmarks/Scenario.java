package io.github.kafkaresilience.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named consumer configuration to benchmark: the arguments every consumer instance
 * gets. {@value #INSTANCE} in an argument becomes the instance's name, for settings such
 * as a static instance id; {@value #POD} becomes a Deployment pod name, kept when the
 * instance is killed and started again and new when it is stopped and started again.
 *
 * @param name the name used on the command line
 * @param description one sentence for the README and the run's settings
 * @param applicationArguments arguments passed to every consumer instance
 * @author kafka-resilience
 */
record Scenario(String name, String description, List<String> applicationArguments) {

	static final String INSTANCE = "{instance}";

	static final String POD = "{pod}";

	private static final String PLAIN = BenchmarkCommand.PLAIN;

	private static final String COOPERATIVE_ONLY = "--spring.kafka.consumer.properties[partition.assignment.strategy]="
			+ "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

	private static final String CONSUMER_PROTOCOL = "--spring.kafka.consumer.properties[group.protocol]=consumer";

	private static final String STATIC_ALWAYS = "--kafka.resilience.static-membership.mode=always";

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
				STATIC_ALWAYS, STARTER_STATIC_ID);
		add("starter-deployment-pod",
				"kafka-resilience defaults in a Deployment pod: POD_NAME kept across a kill, new after a stop",
				"--POD_NAME=" + POD);
		add("starter-static-stay",
				"kafka-resilience, static membership always, instance id per instance, keep the place on stop",
				STATIC_ALWAYS, STARTER_STATIC_ID, "--kafka.resilience.shutdown.leave-group=false");
		add("plain-consumer-protocol", "Spring Boot without kafka-resilience, group.protocol=consumer (KIP-848)", PLAIN,
				CONSUMER_PROTOCOL);
		add("starter-consumer-protocol", "kafka-resilience with group.protocol=consumer (KIP-848)", CONSUMER_PROTOCOL);
	}

	private static void add(String name, String description, String... arguments) {
		KNOWN.put(name, new Scenario(name, description, List.of(arguments)));
	}

	static Scenario named(String name) {
		Scenario scenario = KNOWN.get(name);
		if (scenario == null) {
			throw new IllegalArgumentException("Unknown scenario '" + name + "'; known: " + KNOWN.keySet());
		}
		return scenario;
	}

	static List<Scenario> all() {
		return List.copyOf(KNOWN.values());
	}

}

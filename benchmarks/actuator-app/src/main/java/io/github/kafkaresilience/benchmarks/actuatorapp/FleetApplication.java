package io.github.kafkaresilience.benchmarks.actuatorapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --bench.fleet-size=N}: N instances of the benchmark application in this JVM,
 * each its own Spring context with its own consumer and signals collector, as N pods of
 * one service would run. Every five seconds it prints one line counting the instances'
 * verdicts and views of group {@code bench.fleet-group}, for the fleet benchmark to read.
 *
 * @author kafka-resilience
 */
final class FleetApplication {

	static final String SIZE_ARGUMENT = "--bench.fleet-size=";

	private FleetApplication() {
	}

	static void run(int size, String[] args) {
		List<ConfigurableApplicationContext> fleet = new ArrayList<>();
		for (int instance = 1; instance <= size; instance++) {
			List<String> arguments = new ArrayList<>(List.of(args));
			arguments.add("--spring.main.web-application-type=none");
			arguments.add("--spring.application.name=fleet-" + instance);
			fleet.add(new SpringApplicationBuilder(ActuatorBenchmarkApplication.class)
				.run(arguments.toArray(String[]::new)));
		}
		String group = fleet.get(0).getEnvironment().getProperty("bench.fleet-group", "fleet-1");
		System.out.println("FLEET started " + size);
		ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
		reporter.scheduleWithFixedDelay(() -> System.out.println(report(fleet, group)), 5, 5, TimeUnit.SECONDS);
	}

	private static String report(List<ConfigurableApplicationContext> fleet, String group) {
		Map<String, Integer> status = new TreeMap<>();
		Map<String, Integer> local = new TreeMap<>();
		Map<String, Integer> views = new TreeMap<>();
		for (ConfigurableApplicationContext context : fleet) {
			GroupSignals signals = context.getBeanProvider(ConsumerSignalsCollector.class)
				.stream()
				.findFirst()
				.flatMap((collector) -> collector.snapshot().group(group))
				.orElse(null);
			if (signals == null) {
				status.merge("none", 1, Integer::sum);
				continue;
			}
			status.merge(signals.status().name(), 1, Integer::sum);
			local.merge(signals.localStatus().name(), 1, Integer::sum);
			views.merge(signals.view().scope().name(), 1, Integer::sum);
		}
		return "FLEET status " + status + " localStatus " + local + " view " + views;
	}

}

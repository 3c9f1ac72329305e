package io.github.kafkaresilience.benchmarks.actuatorapp;

import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application the overhead and scale benchmarks start: Spring Boot's Kafka support,
 * actuator over HTTP, the Prometheus registry and, unless
 * {@code kafka.resilience.enabled=false}, kafka-resilience with every signal on.
 * {@code bench.mode} picks the listeners: {@link DrainConfiguration drain} or
 * {@link GroupListenersConfiguration groups}.
 *
 * @author kafka-resilience
 */
@SpringBootApplication
public class ActuatorBenchmarkApplication {

	public static void main(String[] args) {
		for (String arg : args) {
			if (arg.startsWith(FleetApplication.SIZE_ARGUMENT)) {
				FleetApplication.run(Integer.parseInt(arg.substring(FleetApplication.SIZE_ARGUMENT.length())), args);
				return;
			}
		}
		SpringApplication.run(ActuatorBenchmarkApplication.class, args);
	}

	@Bean
	SignalsProbe signalsProbe(ObjectProvider<ConsumerSignalsCollector> collector,
			ObjectProvider<RebalanceHistory> history,
			@Value("${bench.admin-client-id:kafka-resilience-signals}") String adminClientId) {
		return new SignalsProbe(collector, history, adminClientId);
	}

}

package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.kafkaresilience.health.StartupGate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.kafkaresilience.diagnostics.StartupFailures.assertBindFailure;
import static org.assertj.core.api.Assertions.assertThat;

class KafkaConsumersStartupGateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaResilienceAutoConfiguration.class,
				KafkaConsumersStartupGateAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	@Test
	void gateIsOffUnlessAskedFor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(StartupGate.class));
	}

	@Test
	void gateIsTheKafkaConsumersAssignedIndicatorWhenEnabled() {
		this.contextRunner.withPropertyValues("kafka.resilience.startup-gate.enabled=true")
			.run((context) -> assertThat(context).getBeans(StartupGate.class)
				.containsOnlyKeys("kafkaConsumersAssignedHealthIndicator"));
	}

	@Test
	void aUsersIndicatorOfThatNameWins() {
		this.contextRunner.withPropertyValues("kafka.resilience.startup-gate.enabled=true")
			.withBean("kafkaConsumersAssignedHealthIndicator", StartupGate.class,
					() -> new StartupGate(List::of, Duration.ofSeconds(1), Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(StartupGate.class));
	}

	@Test
	void gateNeedsTheStarter() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.startup-gate.enabled=true", "kafka.resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StartupGate.class));
	}

	@Test
	void aZeroTimeoutFailsWhereItIsBound() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.startup-gate.enabled=true",
					"kafka.resilience.startup-gate.timeout=0s")
			.run((context) -> assertBindFailure(context, "kafka.resilience.startup-gate.timeout",
					"must be a positive duration"));
	}

}

package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.endpoint.KafkaConsumersEndpoint;
import io.github.kafkaresilience.health.KafkaConsumersHealthContributor;
import io.github.kafkaresilience.metrics.KafkaConsumersMeterBinder;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.kafkaresilience.diagnostics.StartupFailures.assertBindFailure;
import static io.github.kafkaresilience.diagnostics.StartupFailures.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

class KafkaResilienceSignalsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaResilienceAutoConfiguration.class,
				KafkaResilienceSignalsAutoConfiguration.class, KafkaConsumersEndpointAutoConfiguration.class,
				KafkaConsumersHealthAutoConfiguration.class, KafkaConsumersMetricsAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1",
				"kafka.resilience.signals.request-timeout=200ms");

	@Test
	void actuatorFeaturesSwitchOnWithActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=kafkaconsumers")
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(ConsumerSignalsCollector.class)
				.hasSingleBean(KafkaConsumersEndpoint.class)
				.hasBean("kafkaConsumersHealthContributor")
				.hasSingleBean(KafkaConsumersMeterBinder.class));
	}

	@Test
	void endpointFollowsExposure() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConsumerSignalsCollector.class);
			assertThat(context).doesNotHaveBean(KafkaConsumersEndpoint.class);
		});
	}

	@Test
	void endpointAccessNoneRemovesIt() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=kafkaconsumers",
					"management.endpoint.kafkaconsumers.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaConsumersEndpoint.class));
	}

	@Test
	void healthContributorCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.kafkaconsumers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaConsumersHealthContributor.class));
	}

	@Test
	void noSignalsWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsumerSignalsCollector.class));
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ConsumerSignalsCollector.class)
				.doesNotHaveBean(KafkaConsumersMeterBinder.class));
	}

	@Test
	void signalsCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("kafka.resilience.signals.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsumerSignalsCollector.class)
				.doesNotHaveBean(KafkaConsumersHealthContributor.class));
	}

	@Test
	void disabledStarterHasNoSignals() {
		this.contextRunner.withPropertyValues("kafka.resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsumerSignalsCollector.class));
	}

	@Test
	void windowShorterThanTwoRefreshesFails() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.signals.refresh-interval=10s", "kafka.resilience.signals.window=15s")
			.run((context) -> assertBindFailure(context, "kafka.resilience.signals.window",
					"at least twice kafka.resilience.signals.refresh-interval"));
	}

	@Test
	void nonPositiveRefreshIntervalFails() {
		this.contextRunner.withPropertyValues("kafka.resilience.signals.refresh-interval=0s")
			.run((context) -> assertBindFailure(context, "kafka.resilience.signals.refresh-interval",
					"positive duration"));
	}

	@Test
	void nonPositiveRatioFails() {
		this.contextRunner.withPropertyValues("kafka.resilience.signals.poll-interval-warn-ratio=0")
			.run((context) -> assertBindFailure(context, "kafka.resilience.signals.poll-interval-warn-ratio",
					"share such as 0.8"));
	}

	@Test
	void blankHealthStatusFails() {
		this.contextRunner.withPropertyValues("kafka.resilience.health.status.stuck= ")
			.run((context) -> assertFailure(context, "kafka.resilience.health.status.stuck", "UP, DOWN"));
	}

}

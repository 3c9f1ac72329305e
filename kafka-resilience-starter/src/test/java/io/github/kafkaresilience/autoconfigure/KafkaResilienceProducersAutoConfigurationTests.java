package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.endpoint.KafkaProducersEndpoint;
import io.github.kafkaresilience.producers.ProducerDurabilityChecker;
import io.github.kafkaresilience.producers.ProducerFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.kafkaresilience.diagnostics.StartupFailures.assertBindFailure;
import static org.assertj.core.api.Assertions.assertThat;

class KafkaResilienceProducersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
				KafkaResilienceProducersAutoConfiguration.class, KafkaProducersEndpointAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	@Test
	void bootsProducerFactoryIsRegisteredUnderItsBeanNameAndChecked() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ProducerDurabilityChecker.class);
			assertThat(context.getBean(ProducerFactories.class).all()).containsOnlyKeys("kafkaProducerFactory");
		});
	}

	@Test
	void endpointIsThereOnlyWhenExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(KafkaProducersEndpoint.class));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=kafkaproducers")
			.run((context) -> assertThat(context).hasSingleBean(KafkaProducersEndpoint.class));
	}

	@Test
	void switchedOffByItsOwnPropertyOrWithTheWholeStarter() {
		this.contextRunner.withPropertyValues("kafka.resilience.producers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProducerDurabilityChecker.class)
				.doesNotHaveBean(ProducerFactories.class));
		this.contextRunner.withPropertyValues("kafka.resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProducerDurabilityChecker.class));
	}

	@Test
	void aUsersCheckerWins() {
		this.contextRunner
			.withBean("myChecker", ProducerDurabilityChecker.class,
					() -> new ProducerDurabilityChecker(java.util.List::of, null, java.time.Duration.ofMinutes(1),
							java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC()))
			.run((context) -> assertThat(context).getBeans(ProducerDurabilityChecker.class)
				.containsOnlyKeys("myChecker"));
	}

	@Test
	void aZeroCheckIntervalFailsWhereItIsBound() {
		this.contextRunner.withPropertyValues("kafka.resilience.producers.check-interval=0s")
			.run((context) -> assertBindFailure(context, "kafka.resilience.producers.check-interval",
					"must be a positive duration"));
	}

}

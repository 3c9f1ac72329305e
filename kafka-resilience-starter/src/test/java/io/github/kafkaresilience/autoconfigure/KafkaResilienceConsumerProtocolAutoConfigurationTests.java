package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.groupconfig.GroupConfigLever;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaResilienceConsumerProtocolAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaResilienceAutoConfiguration.class,
				KafkaResilienceConsumerProtocolAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:1");

	@Test
	void groupSettingsAreLeftAloneUnlessAsked() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(GroupConfigChanges.class)
			.doesNotHaveBean(GroupConfigLever.class));
	}

	@Test
	void askingForAHeartbeatOrASessionTimeoutAddsTheLever() {
		this.contextRunner.withPropertyValues("kafka.resilience.consumer-protocol.heartbeat-interval=500ms")
			.run((context) -> assertThat(context).hasSingleBean(GroupConfigLever.class));
		this.contextRunner.withPropertyValues("kafka.resilience.consumer-protocol.session-timeout=50s")
			.run((context) -> assertThat(context).hasSingleBean(GroupConfigLever.class));
	}

	@Test
	void theLeverBacksOffForAUserBean() {
		this.contextRunner.withPropertyValues("kafka.resilience.consumer-protocol.heartbeat-interval=500ms")
			.withBean("myChanges", GroupConfigChanges.class, GroupConfigChanges::new)
			.run((context) -> assertThat(context).getBeans(GroupConfigChanges.class).containsOnlyKeys("myChanges"));
	}

	@Test
	void aZeroHeartbeatFailsWhereItIsBound() {
		this.contextRunner.withPropertyValues("kafka.resilience.consumer-protocol.heartbeat-interval=0ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(IllegalArgumentException.class)
				.rootCause()
				.hasMessageContaining("must be a positive duration"));
		this.contextRunner.withPropertyValues("kafka.resilience.consumer-protocol.heartbeat-interval=0ms")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(BindException.class.getName())
				.hasStackTraceContaining("Failed to bind properties under 'kafka.resilience.consumer-protocol'")
				.hasStackTraceContaining("Unable to set value for property heartbeat-interval"));
	}

	@Test
	void aHeartbeatNotShorterThanTheSessionTimeoutFailsNamingBoth() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer-protocol.heartbeat-interval=50s",
					"kafka.resilience.consumer-protocol.session-timeout=45s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(InvalidKafkaResilienceConfigurationException.class)
				.rootCause()
				.hasMessageContaining("kafka.resilience.consumer-protocol.heartbeat-interval")
				.hasMessageContaining("50000 ms"));
	}

}

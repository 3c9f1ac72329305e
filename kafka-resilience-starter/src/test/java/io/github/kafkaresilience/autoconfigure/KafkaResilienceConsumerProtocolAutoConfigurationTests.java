package io.github.kafkaresilience.autoconfigure;

import io.github.kafkaresilience.groupconfig.GroupConfigChanges;
import io.github.kafkaresilience.groupconfig.GroupConfigLever;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.kafkaresilience.diagnostics.StartupFailures.assertBindFailure;
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
			.run((context) -> assertBindFailure(context, "kafka.resilience.consumer-protocol.heartbeat-interval",
					"must be a positive duration"));
	}

	@Test
	void aHeartbeatNotShorterThanTheSessionTimeoutFailsNamingBoth() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer-protocol.heartbeat-interval=50s",
					"kafka.resilience.consumer-protocol.session-timeout=45s")
			.run((context) -> assertThat(
					assertBindFailure(context, "kafka.resilience.consumer-protocol.heartbeat-interval",
							"at most a third of kafka.resilience.consumer-protocol.session-timeout")
						.getDescription())
				.contains("50000 ms"));
	}

}

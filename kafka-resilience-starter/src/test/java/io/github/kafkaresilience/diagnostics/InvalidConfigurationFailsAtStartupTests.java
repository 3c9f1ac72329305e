package io.github.kafkaresilience.diagnostics;

import io.github.kafkaresilience.autoconfigure.KafkaResilienceAutoConfiguration;
import io.github.kafkaresilience.membership.HostIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invalid configuration stops the application at startup with a message that names
 * the property and the fix.
 */
class InvalidConfigurationFailsAtStartupTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaResilienceAutoConfiguration.class))
		.withUserConfiguration(OrdersListener.class)
		.withPropertyValues("spring.kafka.listener.auto-startup=false");

	@Test
	void heartbeatNotShorterThanSessionTimeout() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer.session-timeout=10s",
					"kafka.resilience.consumer.heartbeat-interval=10s")
			.run((context) -> assertFailure(context, "kafka.resilience.consumer.heartbeat-interval",
					"at most a third of kafka.resilience.consumer.session-timeout"));
	}

	@Test
	void userHeartbeatNotShorterThanUserSessionTimeout() {
		this.contextRunner
			.withPropertyValues("spring.kafka.consumer.properties[session.timeout.ms]=6000",
					"spring.kafka.consumer.properties[heartbeat.interval.ms]=6000")
			.run((context) -> assertFailure(context, "heartbeat.interval.ms", "at most a third of session.timeout.ms"));
	}

	@ParameterizedTest
	@CsvSource({ "kafka.resilience.consumer.session-timeout, 0s", "kafka.resilience.consumer.heartbeat-interval, -1s",
			"kafka.resilience.consumer.max-poll-interval, 0ms", "kafka.resilience.shutdown.timeout, 0s",
			"kafka.resilience.static-membership.expected-restart-time, -5s" })
	void nonPositiveDurations(String property, String value) {
		this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertFailure(context, property, "positive duration"));
	}

	@Test
	void nonPositiveMaxPollRecords() {
		this.contextRunner.withPropertyValues("kafka.resilience.consumer.max-poll-records=0")
			.run((context) -> assertFailure(context, "kafka.resilience.consumer.max-poll-records", "positive number"));
	}

	@Test
	void unknownAssignorClass() {
		this.contextRunner.withPropertyValues(
				"kafka.resilience.consumer.partition-assignment-strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssigner")
			.run((context) -> {
				FailureAnalysis analysis = assertFailure(context,
						"kafka.resilience.consumer.partition-assignment-strategy", "CooperativeStickyAssignor");
				assertThat(analysis.getDescription()).contains("CooperativeStickyAssigner' was not found");
			});
	}

	@Test
	void classThatIsNotAnAssignor() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer.partition-assignment-strategy=java.lang.String")
			.run((context) -> assertThat(
					assertFailure(context, "kafka.resilience.consumer.partition-assignment-strategy",
							"CooperativeStickyAssignor")
						.getDescription())
				.contains("is not a partition assignor"));
	}

	@Test
	void invalidPerListenerOverride() {
		this.contextRunner.withPropertyValues("kafka.resilience.listeners.orders.consumer.heartbeat-interval=1m")
			.run((context) -> assertFailure(context, "kafka.resilience.listeners.orders.consumer.heartbeat-interval",
					"a third"));
	}

	@Test
	void newProtocolWithSessionTimeout() {
		this.contextRunner
			.withPropertyValues("spring.kafka.consumer.properties[group.protocol]=consumer",
					"spring.kafka.consumer.properties[session.timeout.ms]=30000")
			.run((context) -> assertFailure(context, "session.timeout.ms", "group.consumer.session.timeout.ms"));
	}

	@Test
	void newProtocolWithHeartbeatInterval() {
		this.contextRunner
			.withPropertyValues("spring.kafka.properties[group.protocol]=consumer",
					"spring.kafka.properties[heartbeat.interval.ms]=500")
			.run((context) -> assertFailure(context, "heartbeat.interval.ms", "group.consumer.heartbeat.interval.ms"));
	}

	@Test
	void newProtocolWithAssignor() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.properties[group.protocol]=consumer",
				"spring.kafka.consumer.properties[partition.assignment.strategy]=org.apache.kafka.clients.consumer.RangeAssignor")
			.run((context) -> assertFailure(context, "partition.assignment.strategy", "group.remote.assignor"));
	}

	@Test
	void alwaysStaticModeWithoutIdentity() {
		this.contextRunner.withPropertyValues("kafka.resilience.static-membership.mode=always")
			.withBean(HostIdentity.class, () -> new HostIdentity(null, "none", false, "nothing available"))
			.run((context) -> assertFailure(context, "kafka.resilience.static-membership.mode",
					"kafka.resilience.static-membership.instance-id"));
	}

	@Test
	void malformedConfiguredInstanceId() {
		this.contextRunner.withPropertyValues("kafka.resilience.static-membership.instance-id=orders pod/1")
			.run((context) -> assertFailure(context, "kafka.resilience.static-membership.instance-id",
					"replacing other characters"));
	}

	@Test
	void malformedUserGroupInstanceId() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.properties[group.instance.id]=orders#1")
			.run((context) -> assertFailure(context, "group.instance.id", "replacing other characters"));
	}

	@Test
	void historySizeBelowOne() {
		this.contextRunner.withPropertyValues("kafka.resilience.rebalance.history-size=0")
			.run((context) -> assertFailure(context, "kafka.resilience.rebalance.history-size", "1 or more"));
	}

	private static FailureAnalysis assertFailure(AssertableApplicationContext context, String property,
			String actionFragment) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidKafkaResilienceConfigurationFailureAnalyzer()
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).contains("property '" + property + "'");
		assertThat(analysis.getAction()).contains(actionFragment);
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class OrdersListener {

		@KafkaListener(id = "orders", topics = "orders")
		void listen(String value) {
		}

	}

}

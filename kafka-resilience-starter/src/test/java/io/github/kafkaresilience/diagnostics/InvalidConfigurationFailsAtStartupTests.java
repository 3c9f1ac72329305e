package io.github.kafkaresilience.diagnostics;

import io.github.kafkaresilience.autoconfigure.KafkaResilienceAutoConfiguration;
import io.github.kafkaresilience.membership.HostIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

import static io.github.kafkaresilience.diagnostics.StartupFailures.assertBindFailure;
import static io.github.kafkaresilience.diagnostics.StartupFailures.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invalid configuration stops the application at startup with a message that names
 * the property and the fix: {@code kafka.resilience.*} values through Boot's binding
 * validation (with where the value was set), raw Kafka keys through kafka-resilience's
 * own failure analysis.
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
			.run((context) -> assertBindFailure(context, "kafka.resilience.consumer.heartbeat-interval",
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
			.run((context) -> assertBindFailure(context, property, "positive duration"));
	}

	@Test
	void nonPositiveMaxPollRecords() {
		this.contextRunner.withPropertyValues("kafka.resilience.consumer.max-poll-records=0")
			.run((context) -> assertBindFailure(context, "kafka.resilience.consumer.max-poll-records",
					"positive number"));
	}

	@Test
	void unknownAssignorClass() {
		this.contextRunner.withPropertyValues(
				"kafka.resilience.consumer.partition-assignment-strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssigner")
			.run((context) -> {
				FailureAnalysis analysis = assertBindFailure(context,
						"kafka.resilience.consumer.partition-assignment-strategy", "CooperativeStickyAssignor");
				assertThat(analysis.getDescription()).contains("CooperativeStickyAssigner', which was not found");
			});
	}

	@Test
	void classThatIsNotAnAssignor() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer.partition-assignment-strategy=java.lang.String")
			.run((context) -> assertThat(
					assertBindFailure(context, "kafka.resilience.consumer.partition-assignment-strategy",
							"CooperativeStickyAssignor")
						.getDescription())
				.contains("is not a partition assignor"));
	}

	@Test
	void invalidPerListenerOverride() {
		this.contextRunner.withPropertyValues("kafka.resilience.listeners.orders.consumer.heartbeat-interval=1m")
			.run((context) -> assertBindFailure(context,
					"kafka.resilience.listeners.orders.consumer.heartbeat-interval", "a third"));
	}

	@Test
	void perListenerOverrideIsCheckedAgainstTheGlobalValuesItInherits() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer.session-timeout=30s",
					"kafka.resilience.listeners.orders.consumer.heartbeat-interval=20s")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer.heartbeat-interval=5s",
					"kafka.resilience.listeners.orders.consumer.session-timeout=3s")
			.run((context) -> assertThat(
					assertBindFailure(context, "kafka.resilience.listeners.orders.consumer.session-timeout", "a third")
						.getDescription())
				.contains("(5000 ms) must be shorter than the session timeout (3000 ms)"));
	}

	@Test
	void everyBadValueOfOneSectionIsReportedAtOnce() {
		this.contextRunner
			.withPropertyValues("kafka.resilience.consumer.max-poll-records=0",
					"kafka.resilience.consumer.max-poll-interval=0s")
			.run((context) -> assertThat(
					assertBindFailure(context, "kafka.resilience.consumer.max-poll-records", "positive number")
						.getDescription())
				.contains("Reason: kafka.resilience.consumer.max-poll-interval must be a positive"));
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
			.withBean(HostIdentity.class,
					() -> new HostIdentity(null, "none", HostIdentity.Lifetime.NONE, "nothing available"))
			.run((context) -> assertFailure(context, "kafka.resilience.static-membership.mode",
					"kafka.resilience.static-membership.instance-id"));
	}

	@Test
	void malformedConfiguredInstanceId() {
		this.contextRunner.withPropertyValues("kafka.resilience.static-membership.instance-id=orders pod/1")
			.run((context) -> assertBindFailure(context, "kafka.resilience.static-membership.instance-id",
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
			.run((context) -> assertBindFailure(context, "kafka.resilience.rebalance.history-size", "1 or more"));
	}

	@Test
	void negativeMaxUncommittedTime() {
		this.contextRunner.withPropertyValues("kafka.resilience.rebalance.max-uncommitted-time=-1s")
			.run((context) -> assertBindFailure(context, "kafka.resilience.rebalance.max-uncommitted-time",
					"0s or more"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OrdersListener {

		@KafkaListener(id = "orders", topics = "orders")
		void listen(String value) {
		}

	}

}

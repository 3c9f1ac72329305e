package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * The startup gate: a health indicator ({@code kafkaConsumersAssigned}) for the readiness
 * group that turns ready only once this instance's listeners have joined their groups and
 * received their first assignment, so that a rollout that replaces the next pod as soon
 * as this one is ready does not take several members out of the group at once.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.startup-gate")
public class StartupGateProperties extends SelfValidatingProperties {

	/**
	 * Whether to add the kafkaConsumersAssigned health indicator. Include it in the
	 * readiness group (management.endpoint.health.group.readiness.include=
	 * readinessState,kafkaConsumersAssigned) to hold readiness until the first
	 * assignment.
	 */
	private boolean enabled = false;

	/**
	 * Longest wait for the first assignment; after it the indicator turns UP anyway and
	 * says so, so that a group that cannot form never blocks a rollout.
	 */
	private Duration timeout = Duration.ofSeconds(60);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.positive(errors, "timeout", getTimeout(), "60s");
	}

}

package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Graceful stop of listener containers on application shutdown.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.shutdown")
public class ShutdownProperties extends SelfValidatingProperties {

	/**
	 * How long the application's shutdown waits for all listener containers to finish
	 * their in-flight records, commit and close; containers still busy then are named in
	 * a warning. Must fit inside spring.lifecycle.timeout-per-shutdown-phase and the
	 * pod's terminationGracePeriodSeconds.
	 */
	private Duration timeout = Duration.ofSeconds(20);

	/**
	 * Whether a static member leaves the group when its container stops gracefully, so
	 * that its partitions move at once instead of waiting for it to come back. A crashed
	 * member still keeps its place until session.timeout.ms expires.
	 */
	private boolean leaveGroup = true;

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public boolean isLeaveGroup() {
		return this.leaveGroup;
	}

	public void setLeaveGroup(boolean leaveGroup) {
		this.leaveGroup = leaveGroup;
	}

	@Override
	void check(Errors errors) {
		PropertyChecks.positive(errors, "timeout", getTimeout(), "20s");
	}

}

package io.github.kafkaresilience.benchmarks.actuatorapp;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The benchmark harness's window into the starter: {@code /actuator/benchsignals} lists
 * the refreshes, {@code /actuator/benchsignals/heap} sizes the starter's state. Part of
 * the benchmark application, not of kafka-resilience.
 *
 * @author kafka-resilience
 */
@Endpoint(id = "benchsignals")
public class SignalsProbeEndpoint {

	private final SignalsProbe probe;

	SignalsProbeEndpoint(SignalsProbe probe) {
		this.probe = probe;
	}

	@ReadOperation
	public Refreshes refreshes() {
		return new Refreshes(this.probe.collecting(), this.probe.refreshes());
	}

	@ReadOperation
	public Map<String, Object> part(@Selector String part) {
		if (!"heap".equals(part)) {
			return Map.of();
		}
		return this.probe.heap();
	}

	/**
	 * The refreshes so far.
	 *
	 * @param collecting whether the starter's signals collector runs in this application
	 * @param refreshes every refresh, oldest first
	 */
	public record Refreshes(boolean collecting, List<SignalsProbe.Refresh> refreshes) {

	}

}

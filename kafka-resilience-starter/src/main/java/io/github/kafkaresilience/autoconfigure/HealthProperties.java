package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.github.kafkaresilience.signals.Verdict;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the kafkaConsumers health contributor maps verdicts to health statuses.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.health")
public class HealthProperties {

	/**
	 * Health status per verdict, for example 'stuck: DOWN' to let a liveness probe
	 * restart a stuck consumer. Verdicts not listed are UP, except UNKNOWN which is
	 * UNKNOWN. A failed listener, a fenced instance id or failed authentication is DOWN
	 * whatever this says.
	 */
	private Map<Verdict, String> status = new EnumMap<>(Verdict.class);

	/**
	 * How long a refused or fenced group.instance.id keeps the group DOWN after it was
	 * last seen.
	 */
	private Duration incidentWindow = Duration.ofMinutes(5);

	public Map<Verdict, String> getStatus() {
		return this.status;
	}

	public void setStatus(Map<Verdict, String> status) {
		this.status = status;
	}

	public Duration getIncidentWindow() {
		return this.incidentWindow;
	}

	public void setIncidentWindow(Duration incidentWindow) {
		this.incidentWindow = incidentWindow;
	}

}

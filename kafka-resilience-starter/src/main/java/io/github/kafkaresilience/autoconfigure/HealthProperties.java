package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.github.kafkaresilience.signals.Verdict;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.validation.Errors;

/**
 * How the kafkaConsumers health contributor maps verdicts to health statuses.
 *
 * @author kafka-resilience
 */
@ConfigurationProperties("kafka.resilience.health")
public class HealthProperties extends SelfValidatingProperties {

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

	/**
	 * The health status for each verdict, with the user's mapping over the defaults.
	 * @param defaults the status of each verdict nobody mapped
	 * @return the statuses
	 */
	Map<Verdict, Status> statusByVerdict(Map<Verdict, Status> defaults) {
		Map<Verdict, Status> mapping = new EnumMap<>(defaults);
		this.status.forEach((verdict, name) -> mapping.put(verdict, new Status(name.trim().toUpperCase(Locale.ROOT))));
		return mapping;
	}

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

	@Override
	void check(Errors errors) {
		getStatus().forEach((verdict, status) -> {
			if (status == null || status.isBlank()) {
				errors.rejectValue("status", "kafka.resilience.invalid",
						PropertyChecks.property(errors, "status") + "." + verdict.name().toLowerCase(Locale.ROOT)
								+ " cannot be empty: use UP, DOWN, OUT_OF_SERVICE, UNKNOWN or a custom status.");
			}
		});
		PropertyChecks.positive(errors, "incidentWindow", getIncidentWindow(), "5m");
	}

}

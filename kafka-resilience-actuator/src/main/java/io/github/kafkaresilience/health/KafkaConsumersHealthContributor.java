package io.github.kafkaresilience.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.ListenerSignals;
import io.github.kafkaresilience.signals.ListenerState;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of this application's consumer groups, one child per group, read from the
 * signals snapshot.
 * <p>
 * DOWN only where a restart helps: a listener container or one of its consumer threads
 * stopped by itself (an {@code Error}, a fenced instance id, failed authentication), or
 * the broker refused the consumer's instance id recently. Lag, slowness, rebalancing and
 * an unreachable broker never make health DOWN by default: a restart triggers the
 * rebalance that makes lag worse. Other verdicts map to a status through a configurable
 * table.
 *
 * @author kafka-resilience
 */
public final class KafkaConsumersHealthContributor implements CompositeHealthContributor {

	/**
	 * Detail: the group's verdict.
	 */
	public static final String VERDICT = "verdict";

	/**
	 * Detail: the verdict for this application's own consumers, which decides the status.
	 */
	public static final String LOCAL_VERDICT = "localVerdict";

	/**
	 * Detail: one sentence of diagnosis.
	 */
	public static final String DIAGNOSIS = "diagnosis";

	/**
	 * Detail: total committed-offset lag.
	 */
	public static final String LAG = "lag";

	/**
	 * Detail: lag change in records per second.
	 */
	public static final String LAG_RATE = "lagRatePerSecond";

	/**
	 * Detail: members of the group.
	 */
	public static final String MEMBERS = "members";

	/**
	 * Detail: partitions of the group's topics.
	 */
	public static final String PARTITIONS = "partitions";

	/**
	 * Detail: partitions without a live owner.
	 */
	public static final String UNASSIGNED_PARTITIONS = "unassignedPartitions";

	/**
	 * Detail: rebalances in the last hour.
	 */
	public static final String REBALANCES_PER_HOUR = "rebalancesPerHour";

	/**
	 * Detail: share of max.poll.interval.ms used.
	 */
	public static final String POLL_INTERVAL_USED = "maxPollIntervalUsedRatio";

	/**
	 * Detail: whether the broker data is stale.
	 */
	public static final String STALE = "stale";

	/**
	 * Detail: why the group is DOWN.
	 */
	public static final String REASON = "reason";

	private final Supplier<SignalsSnapshot> snapshots;

	private final ConsumerIncidents incidents;

	private final Map<Verdict, Status> statusByVerdict;

	private final Duration incidentWindow;

	private final Clock clock;

	/**
	 * Create a contributor.
	 * @param snapshots supplies the latest signals snapshot, without blocking
	 * @param incidents recorded membership incidents
	 * @param statusByVerdict health status per verdict; verdicts missing from the map are
	 * UP
	 * @param incidentWindow how long a membership incident keeps the group DOWN
	 * @param clock the clock
	 */
	public KafkaConsumersHealthContributor(Supplier<SignalsSnapshot> snapshots, ConsumerIncidents incidents,
			Map<Verdict, Status> statusByVerdict, Duration incidentWindow, Clock clock) {
		this.snapshots = snapshots;
		this.incidents = incidents;
		this.statusByVerdict = new EnumMap<>(Verdict.class);
		this.statusByVerdict.putAll(statusByVerdict);
		this.incidentWindow = incidentWindow;
		this.clock = clock;
	}

	/**
	 * Default mapping: {@code UNKNOWN} to UNKNOWN, everything else UP.
	 * @return the mapping
	 */
	public static Map<Verdict, Status> defaultStatusByVerdict() {
		Map<Verdict, Status> mapping = new EnumMap<>(Verdict.class);
		for (Verdict verdict : Verdict.values()) {
			mapping.put(verdict, Status.UP);
		}
		mapping.put(Verdict.UNKNOWN, Status.UNKNOWN);
		return mapping;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.snapshots.get().group(name).map((group) -> indicator(group.groupId())).orElse(null);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.snapshots.get()
			.groups()
			.stream()
			.map((group) -> new HealthContributors.Entry(group.groupId(), indicator(group.groupId())));
	}

	private HealthIndicator indicator(String groupId) {
		return () -> health(groupId);
	}

	Health health(String groupId) {
		SignalsSnapshot snapshot = this.snapshots.get();
		Optional<GroupSignals> found = snapshot.group(groupId);
		if (found.isEmpty()) {
			return Health.unknown().withDetail(DIAGNOSIS, "The group is no longer consumed here.").build();
		}
		GroupSignals group = found.get();
		String reason = downReason(group);
		Health.Builder builder = (reason != null) ? Health.down().withDetail(REASON, reason)
				: Health.status(this.statusByVerdict.getOrDefault(group.localStatus(), Status.UP));
		return builder.withDetail(VERDICT, group.status().name())
			.withDetail(LOCAL_VERDICT, group.localStatus().name())
			.withDetail(DIAGNOSIS, group.diagnosis())
			.withDetail(LAG, group.lag().total())
			.withDetail(LAG_RATE, group.lag().ratePerSecond())
			.withDetail(MEMBERS, group.membership().members())
			.withDetail(PARTITIONS, group.membership().partitions())
			.withDetail(UNASSIGNED_PARTITIONS, group.membership().unassignedPartitions())
			.withDetail(REBALANCES_PER_HOUR, group.rebalances().ratePerHour())
			.withDetail(POLL_INTERVAL_USED, group.poll().maxPollIntervalUsedRatio())
			.withDetail(STALE, snapshot.stale())
			.build();
	}

	private @Nullable String downReason(GroupSignals group) {
		for (ListenerSignals listener : group.listeners()) {
			if (listener.state() == ListenerState.FAILED) {
				// The STOPPED diagnosis names the stop reason and its fix; while the
				// broker is unreachable the
				// verdict is UNKNOWN and its diagnosis is about the broker instead.
				return (group.status() == Verdict.STOPPED) ? group.diagnosis()
						: "Listener '" + listener.listenerId() + "' stopped by itself"
								+ ((listener.stopReason() != null) ? " (" + listener.stopReason() + ")" : "")
								+ "; a restart brings it back.";
			}
		}
		Instant since = this.clock.instant().minus(this.incidentWindow);
		for (ConsumerIncident incident : this.incidents.forGroup(group.groupId())) {
			if (incident.time().isAfter(since)) {
				return incident.message();
			}
		}
		return null;
	}

}

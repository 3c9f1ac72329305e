package io.github.kafkaresilience.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kafkaresilience.consumers.EffectiveSetting;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.CapacitySignals;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.LagSignals;
import io.github.kafkaresilience.signals.ListenerState;
import io.github.kafkaresilience.signals.ListenerSignals;
import io.github.kafkaresilience.signals.LossSignals;
import io.github.kafkaresilience.signals.MembershipSignals;
import io.github.kafkaresilience.signals.PollSignals;
import io.github.kafkaresilience.signals.RebalanceSignals;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

/**
 * {@link Endpoint @Endpoint} that shows, per consumer group, the four signals, the
 * verdict and its diagnosis. Served from the background snapshot: a request never waits
 * on the broker.
 *
 * @author kafka-resilience
 */
@Endpoint(id = "kafkaconsumers")
public class KafkaConsumersEndpoint {

	private final ConsumerSignalsCollector collector;

	/**
	 * Create an endpoint over a collector's snapshots.
	 * @param collector the collector
	 */
	public KafkaConsumersEndpoint(ConsumerSignalsCollector collector) {
		this.collector = collector;
	}

	/**
	 * Every group this application consumes.
	 * @return the groups
	 */
	@ReadOperation
	public KafkaConsumersDescriptor consumers() {
		SignalsSnapshot snapshot = this.collector.snapshot();
		return new KafkaConsumersDescriptor(snapshot.groups().stream().map(GroupDescriptor::of).toList(),
				(snapshot.refreshedAt() != null) ? snapshot.refreshedAt().toEpochMilli() : null, snapshot.stale(),
				snapshot.error(), this.collector.settings().refreshInterval().toMillis());
	}

	/**
	 * One group.
	 * @param groupId the group id
	 * @return the group, or {@code null} (404) for a group this application does not
	 * consume
	 */
	@ReadOperation
	public @Nullable GroupDescriptor group(@Selector String groupId) {
		return this.collector.snapshot().group(groupId).map(GroupDescriptor::of).orElse(null);
	}

	/**
	 * All groups and the freshness of the data.
	 *
	 * @param groups the groups, sorted by id
	 * @param refreshedAt epoch milliseconds of the last successful refresh, or
	 * {@code null} before the first
	 * @param stale whether the last refresh failed, so the data is older than one refresh
	 * interval
	 * @param error why the last refresh failed, or {@code null}
	 * @param refreshIntervalMs time between refreshes
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record KafkaConsumersDescriptor(List<GroupDescriptor> groups, @Nullable Long refreshedAt, boolean stale,
			@Nullable String error, long refreshIntervalMs) implements OperationResponseBody {

	}

	/**
	 * One group's signals.
	 *
	 * @param groupId the group
	 * @param status the verdict for the whole group
	 * @param localStatus the verdict for this application's own consumers
	 * @param diagnosis the likely cause and the fix
	 * @param protocol {@code classic} or {@code consumer}
	 * @param lag lag per partition and its rate
	 * @param rebalances rebalance count, rate and duration
	 * @param poll time between polls against {@code max.poll.interval.ms}
	 * @param membership consumers against partitions
	 * @param findings what else deserves attention
	 * @param listeners this application's containers in the group
	 * @param capacity production and consumption rates, time behind, consumers needed
	 * @param losses records lost before they were read, or given up on
	 * @param brokerSettings the broker's heartbeat interval and session timeout of a
	 * consumer-protocol group, with their sources
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record GroupDescriptor(String groupId, Verdict status, Verdict localStatus, String diagnosis,
			String protocol, LagSignals lag, RebalanceSignals rebalances, PollSignals poll,
			MembershipSignals membership, List<Finding> findings, List<ListenerDescriptor> listeners,
			CapacitySignals capacity, LossSignals losses,
			@Nullable GroupProtocolSettings brokerSettings) implements OperationResponseBody {

		static GroupDescriptor of(GroupSignals group) {
			return new GroupDescriptor(group.groupId(), group.status(), group.localStatus(), group.diagnosis(),
					group.protocol().name().toLowerCase(Locale.ROOT), group.lag(), group.rebalances(), group.poll(),
					group.membership(), group.findings(),
					group.listeners().stream().map(ListenerDescriptor::of).toList(), group.capacity(), group.losses(),
					group.brokerSettings());
		}

	}

	/**
	 * One of this application's listener containers in the group.
	 *
	 * @param listenerId the listener id
	 * @param running whether the container runs
	 * @param state what the container is doing
	 * @param stopReason why the container last stopped, Spring Kafka's reason, or
	 * {@code null}
	 * @param concurrency consumers in the container
	 * @param settings each effective setting as {@code "<value> [<source label>]"}, the
	 * startup report's form
	 * @param effectiveSettings each effective setting as its value and source
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ListenerDescriptor(String listenerId, boolean running, ListenerState state,
			@Nullable Reason stopReason, int concurrency, Map<String, String> settings,
			Map<String, SettingDescriptor> effectiveSettings) {

		static ListenerDescriptor of(ListenerSignals listener) {
			Map<String, String> settings = new LinkedHashMap<>();
			Map<String, SettingDescriptor> effective = new LinkedHashMap<>();
			for (EffectiveSetting setting : listener.settings()) {
				settings.put(setting.key(), ((setting.value() != null) ? setting.value() : "(unset)") + " ["
						+ setting.source().label() + "]");
				effective.put(setting.key(), new SettingDescriptor(setting.value(), setting.source()));
			}
			return new ListenerDescriptor(listener.listenerId(), listener.running(), listener.state(),
					listener.stopReason(), listener.concurrency(), settings, effective);
		}

	}

	/**
	 * One effective setting.
	 *
	 * @param value the value, or {@code null} when unset
	 * @param source who chose it
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record SettingDescriptor(@Nullable String value, SettingSource source) {

	}

}

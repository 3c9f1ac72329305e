package io.github.kafkaresilience.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.CapacitySignals;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.LagSignals;
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
			MembershipSignals membership, List<Finding> findings, List<ListenerSignals> listeners,
			CapacitySignals capacity, LossSignals losses,
			@Nullable GroupProtocolSettings brokerSettings) implements OperationResponseBody {

		static GroupDescriptor of(GroupSignals group) {
			return new GroupDescriptor(group.groupId(), group.status(), group.localStatus(), group.diagnosis(),
					group.protocol().name().toLowerCase(Locale.ROOT), group.lag(), group.rebalances(), group.poll(),
					group.membership(), group.findings(), group.listeners(), group.capacity(), group.losses(),
					group.brokerSettings());
		}

	}

}

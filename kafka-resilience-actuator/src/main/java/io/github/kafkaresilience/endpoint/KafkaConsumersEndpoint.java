package io.github.kafkaresilience.endpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.SignalsSnapshot;
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

	// The response changes only with the snapshot, once per refresh: between two, every
	// request gets the same one instead of mapping every partition again.
	private volatile @Nullable Rendered rendered;

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
		Rendered last = this.rendered;
		if (last != null && last.snapshot() == snapshot) {
			return last.descriptor();
		}
		KafkaConsumersDescriptor descriptor = new KafkaConsumersDescriptor(
				snapshot.groups().stream().map(GroupDescriptor::of).toList(),
				(snapshot.refreshedAt() != null) ? snapshot.refreshedAt().toEpochMilli() : null, snapshot.stale(),
				snapshot.error(), this.collector.settings().refreshInterval().toMillis());
		this.rendered = new Rendered(snapshot, descriptor);
		return descriptor;
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

	private record Rendered(SignalsSnapshot snapshot, KafkaConsumersDescriptor descriptor) {

	}

}

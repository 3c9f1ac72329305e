package io.github.kafkaresilience.endpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kafkaresilience.signals.LagSignals;
import io.github.kafkaresilience.signals.Owner;
import io.github.kafkaresilience.signals.PartitionFailure;
import io.github.kafkaresilience.signals.PartitionSignals;
import io.github.kafkaresilience.signals.TimeBehindSource;
import io.github.kafkaresilience.signals.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * A group's lag in the endpoint's JSON: {@link LagSignals}, with every partition.
 *
 * @param total sum of the partitions' lag
 * @param ratePerSecond change of total lag in records per second; positive means falling
 * behind
 * @param catchUpSeconds estimated seconds until lag reaches zero, or {@code null}
 * @param partitions every partition
 * @author kafka-resilience
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LagDescriptor(long total, double ratePerSecond, @Nullable Long catchUpSeconds,
		List<PartitionDescriptor> partitions) {

	static LagDescriptor of(LagSignals lag) {
		return new LagDescriptor(lag.total(), lag.ratePerSecond(), lag.catchUpSeconds(),
				lag.partitions().stream().map(PartitionDescriptor::of).toList());
	}

	/**
	 * One partition: {@link PartitionSignals}.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param committedOffset the committed offset, or {@code null} when never committed
	 * @param endOffset the log end offset
	 * @param lag records between the committed offset and the end
	 * @param ratePerSecond change of lag in records per second
	 * @param status the partition's verdict
	 * @param owner the member that owns it, or {@code null}
	 * @param logStartOffset the log start offset, or {@code null}
	 * @param timeBehindMs how far behind in time, or {@code null}
	 * @param timeBehindSource {@code record-timestamp} or {@code estimate}, or
	 * {@code null}
	 * @param failure the record that keeps failing here, or {@code null}
	 * @param recordsGivenUp records this application's listener left behind
	 * @param pausedSinceMs epoch milliseconds since this application paused it, or
	 * {@code null}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record PartitionDescriptor(String topic, int partition, @Nullable Long committedOffset, long endOffset,
			long lag, double ratePerSecond, Verdict status, @Nullable OwnerDescriptor owner,
			@Nullable Long logStartOffset, @Nullable Long timeBehindMs, @Nullable String timeBehindSource,
			@Nullable FailureDescriptor failure, long recordsGivenUp, @Nullable Long pausedSinceMs) {

		static PartitionDescriptor of(PartitionSignals partition) {
			Owner owner = partition.owner();
			PartitionFailure failure = partition.failure();
			return new PartitionDescriptor(partition.topic(), partition.partition(), partition.committedOffset(),
					partition.endOffset(), partition.lag(), partition.ratePerSecond(), partition.status(),
					(owner != null) ? new OwnerDescriptor(owner.clientId(), owner.instanceId(), owner.host()) : null,
					partition.logStartOffset(), partition.timeBehindMs(), label(partition.timeBehindSource()),
					(failure != null) ? FailureDescriptor.of(failure) : null, partition.recordsGivenUp(),
					partition.pausedSinceMs());
		}

	}

	static @Nullable String label(@Nullable TimeBehindSource source) {
		return (source != null) ? source.label() : null;
	}

	/**
	 * The member that owns a partition: {@link Owner}.
	 *
	 * @param clientId the member's {@code client.id}
	 * @param instanceId the member's {@code group.instance.id}, or {@code null}
	 * @param host the member's host as the broker saw it
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record OwnerDescriptor(String clientId, @Nullable String instanceId, String host) {

	}

	/**
	 * The record that keeps failing in this application's listener:
	 * {@link PartitionFailure}. A {@code null} message is left out.
	 *
	 * @param offset the record's offset
	 * @param attempts how many times the listener failed on it
	 * @param exceptionClass the exception's class name
	 * @param message the exception's message, shortened and masked, or {@code null}
	 * @param failingForMs how long it has been failing
	 */
	public record FailureDescriptor(long offset, int attempts, String exceptionClass, @Nullable String message,
			long failingForMs) {

		static FailureDescriptor of(PartitionFailure failure) {
			return new FailureDescriptor(failure.offset(), failure.attempts(), failure.exceptionClass(),
					failure.message(), failure.failingForMs());
		}

	}

}

package io.github.kafkaresilience.membership;

import java.time.Clock;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a fenced or refused {@code group.instance.id} with its fix and records it as a
 * {@link ConsumerIncident}, so that health can report it instead of the application
 * crash-looping silently; and reads a consumer's identity for it.
 *
 * @author kafka-resilience
 */
final class InstanceIdIncidents {

	private static final Logger logger = LoggerFactory.getLogger(MembershipConsumerPostProcessor.class);

	private final ConsumerIncidents incidents;

	private final Clock clock;

	InstanceIdIncidents(ConsumerIncidents incidents, Clock clock) {
		this.incidents = incidents;
		this.clock = clock;
	}

	/**
	 * Report a failure of a consumer call if it is a fenced or refused id.
	 * @param consumer the consumer
	 * @param cause the failure
	 * @param retrying whether the refused consumer will try again by itself
	 */
	void report(Consumer<?, ?> consumer, Throwable cause, boolean retrying) {
		ConsumerIncident.Kind kind;
		String fix;
		if (cause instanceof FencedInstanceIdException) {
			kind = ConsumerIncident.Kind.FENCED_INSTANCE_ID;
			fix = "another consumer joined with the same group.instance.id and took this one's place. Give every "
					+ "consumer a unique id: check that no two pods share a name and that "
					+ "group.instance.id is not set in the shared consumer configuration.";
		}
		else if (cause instanceof UnreleasedInstanceIdException) {
			kind = ConsumerIncident.Kind.UNRELEASED_INSTANCE_ID;
			fix = "the broker still holds a member with this group.instance.id, so this consumer was refused. "
					+ (retrying
							? "It tries again every " + HeldInstanceIdRecovery.RETRY.toSeconds()
									+ " s until the broker releases the id (the previous member's session expires). "
							: "")
					+ "Give every consumer a unique id, or wait for the previous member's session to expire.";
		}
		else {
			return;
		}
		String groupId = groupId(consumer);
		String instanceId = instanceId(consumer);
		String message = "group.instance.id '" + instanceId + "' in group '" + groupId + "': " + fix;
		logger.error("kafka-resilience: {}", message);
		this.incidents
			.record(new ConsumerIncident(this.clock.instant(), kind, groupId, clientId(consumer), instanceId, message));
	}

	static String groupId(Consumer<?, ?> consumer) {
		try {
			return consumer.groupMetadata().groupId();
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	static @Nullable String instanceId(Consumer<?, ?> consumer) {
		try {
			return consumer.groupMetadata().groupInstanceId().orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The consumer's generation (classic) or member epoch (consumer protocol).
	 * @param consumer the consumer
	 * @return the generation, or -1 when it has none or cannot say
	 */
	static int generation(Consumer<?, ?> consumer) {
		try {
			return consumer.groupMetadata().generationId();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private static String clientId(Consumer<?, ?> consumer) {
		try {
			for (MetricName metric : consumer.metrics().keySet()) {
				String clientId = metric.tags().get("client-id");
				if (clientId != null) {
					return clientId;
				}
			}
		}
		catch (RuntimeException ex) {
			// closed or failing consumer
		}
		return "unknown";
	}

}

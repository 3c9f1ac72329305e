package io.github.kafkaresilience.consumers;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A membership failure of one consumer that a restart or a configuration fix must
 * resolve.
 *
 * @param time when it was seen
 * @param kind what went wrong
 * @param groupId the consumer group
 * @param clientId the consumer's {@code client.id}
 * @param instanceId the consumer's {@code group.instance.id}, or {@code null}
 * @param message the cause and the fix, in one or two sentences
 * @author kafka-resilience
 */
public record ConsumerIncident(Instant time, Kind kind, String groupId, String clientId, @Nullable String instanceId,
		String message) {

	/**
	 * Kinds of membership failure.
	 */
	public enum Kind {

		/**
		 * Another member joined with the same {@code group.instance.id} and took this
		 * one's place (classic protocol: {@code FencedInstanceIdException}).
		 */
		FENCED_INSTANCE_ID,

		/**
		 * The broker still holds a member with this {@code group.instance.id} and refused
		 * the new one (KIP-848 protocol: {@code UnreleasedInstanceIdException}).
		 */
		UNRELEASED_INSTANCE_ID

	}

}

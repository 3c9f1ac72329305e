package io.github.kafkaresilience.signals;

import org.jspecify.annotations.Nullable;

/**
 * The group member that owns a partition, as the broker reports it.
 *
 * @param clientId the member's {@code client.id}
 * @param instanceId the member's {@code group.instance.id}, or {@code null} for a dynamic
 * member
 * @param host the member's host as the broker saw it
 * @author kafka-resilience
 */
public record Owner(String clientId, @Nullable String instanceId, String host) {

}

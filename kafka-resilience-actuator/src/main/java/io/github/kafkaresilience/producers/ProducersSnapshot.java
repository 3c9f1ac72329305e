package io.github.kafkaresilience.producers;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last check of every producer factory.
 *
 * @param producers one report per producer factory
 * @param checkedAt when the check ran, or {@code null} before the first one
 * @param error why part of the check failed (a cluster that did not answer), or
 * {@code null}
 * @author kafka-resilience
 */
public record ProducersSnapshot(List<ProducerReport> producers, @Nullable Instant checkedAt, @Nullable String error) {

	/** Nothing checked yet. */
	public static final ProducersSnapshot EMPTY = new ProducersSnapshot(List.of(), null, null);

	public ProducersSnapshot {
		producers = List.copyOf(producers);
	}

}

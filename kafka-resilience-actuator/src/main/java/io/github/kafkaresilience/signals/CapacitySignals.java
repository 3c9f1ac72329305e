package io.github.kafkaresilience.signals;

import org.jspecify.annotations.Nullable;

/**
 * How fast records arrive and are consumed, how far behind in time the group is, and how
 * many consumers it needs to keep up.
 *
 * @param productionPerSecond records written to the group's partitions per second across
 * the window
 * @param consumptionPerSecond records the group consumed per second across the window
 * @param activeConsumers members that own at least one partition
 * @param consumersNeeded consumers needed to keep up at the measured rates, at most the
 * partition count; the current count while the group keeps up (it may need fewer);
 * {@code null} when nothing was consumed to measure
 * @param timeBehindMs the largest time behind of the group's partitions, or {@code null}
 * @param timeBehindSource how the time behind was measured for that partition, or
 * {@code null}
 * @author kafka-resilience
 */
public record CapacitySignals(double productionPerSecond, double consumptionPerSecond, int activeConsumers,
		@Nullable Integer consumersNeeded, @Nullable Long timeBehindMs, @Nullable TimeBehindSource timeBehindSource) {

}

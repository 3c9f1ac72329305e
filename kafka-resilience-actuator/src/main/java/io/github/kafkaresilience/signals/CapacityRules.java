package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.util.List;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import io.github.kafkaresilience.signals.LagWindow.Sample;
import io.github.kafkaresilience.signals.PartitionRules.PartitionAssessment;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * How far behind in time each partition is, and how many consumers the group needs: one
 * measured rate against another, each bounded so that an estimate is never negative and
 * never absurd.
 *
 * @author kafka-resilience
 */
final class CapacityRules {

	// Record timestamps further off than this are producer clocks or CreateTime misuse.
	private static final long FUTURE_TOLERANCE_MS = Duration.ofMinutes(1).toMillis();

	private static final long MAX_CREDIBLE_MS = Duration.ofDays(30).toMillis();

	private static final double MIN_MEASURABLE_RATE = 0.1;

	private static final int MAX_CONSUMERS = 100_000;

	private CapacityRules() {
	}

	/**
	 * A partition's time behind.
	 * @param context the evaluation
	 * @param assessed the partition
	 * @param groupConsumption records per second the group consumes
	 * @param lagging partitions of the group with lag
	 * @return the time behind, or {@code null} when unknown
	 */
	static @Nullable TimeBehind timeBehind(GroupContext context, PartitionAssessment assessed, double groupConsumption,
			int lagging) {
		if (assessed.lag() == 0) {
			return new TimeBehind(0, TimeBehindSource.ESTIMATE);
		}
		TimeBehind seen = fromRecord(context, assessed.partition());
		if (seen != null) {
			return seen;
		}
		// With records arriving at a steady rate, the oldest unread one arrived lag ÷
		// that
		// rate ago, however fast the consumer is. Only when nothing arrives is the
		// consumption rate the measure; a partition waiting its turn gets the group's
		// pace.
		TopicPartition partition = assessed.partition();
		double rate = LagWindow.slopePerSecond(context.samples, (sample) -> sample.ends().getOrDefault(partition, 0L));
		if (!(rate >= MIN_MEASURABLE_RATE)) {
			rate = LagWindow.slopePerSecond(context.samples, (sample) -> sample.consumed(partition));
		}
		if (!(rate >= MIN_MEASURABLE_RATE) && groupConsumption > 0 && lagging > 0) {
			rate = groupConsumption / lagging;
		}
		if (!(rate >= MIN_MEASURABLE_RATE)) {
			return null;
		}
		long estimate = Math.round(assessed.lag() / rate * 1000);
		Long sinceCaughtUp = sinceLastCaughtUp(context, partition);
		if (sinceCaughtUp != null) {
			// Everything unread arrived after the partition last had no lag.
			estimate = Math.min(estimate, sinceCaughtUp);
		}
		return (estimate <= MAX_CREDIBLE_MS) ? new TimeBehind(estimate, TimeBehindSource.ESTIMATE) : null;
	}

	private static @Nullable Long sinceLastCaughtUp(GroupContext context, TopicPartition partition) {
		Long since = null;
		for (Sample sample : context.samples) {
			if (sample.lag().getOrDefault(partition, 0L) == 0) {
				since = context.now.toEpochMilli() - sample.time().toEpochMilli();
			}
		}
		return since;
	}

	/**
	 * The age of the oldest unprocessed record, when this application holds it: the one
	 * in a running call, or the successor of one that just completed.
	 */
	private static @Nullable TimeBehind fromRecord(GroupContext context, TopicPartition partition) {
		PartitionEvidence evidence = context.evidence(partition);
		if (evidence == null) {
			return null;
		}
		long now = context.now.toEpochMilli();
		long timestamp = -1;
		if (evidence.inFlight() != null) {
			timestamp = evidence.inFlight().recordTimestamp();
		}
		else if (now - evidence.lastCompletedAt() <= 2 * context.settings().refreshInterval().toMillis()) {
			timestamp = evidence.lastRecordTimestamp();
		}
		if (timestamp <= 0) {
			return null;
		}
		long age = now - timestamp;
		if (age < -FUTURE_TOLERANCE_MS || age > MAX_CREDIBLE_MS) {
			return null;
		}
		return new TimeBehind(Math.max(0, age), TimeBehindSource.RECORD_TIMESTAMP);
	}

	static double production(List<Sample> samples) {
		return LagWindow.slopePerSecond(samples, Sample::totalEnd);
	}

	static double consumption(List<Sample> samples) {
		return Math.max(0, LagWindow.slopePerSecond(samples, Sample::totalConsumed));
	}

	/**
	 * Consumers needed at the measured rates, before capping at the partition count;
	 * measured only while a backlog keeps every consumer busy, since a consumer that
	 * keeps up shows its load, not its capacity.
	 * @return the count, or {@code null} when it cannot be measured
	 */
	static @Nullable Integer uncappedConsumersNeeded(GroupContext context, long totalLag, double production,
			double consumption, int active) {
		if (active == 0) {
			return null;
		}
		boolean saturated = totalLag > context.settings().lagGrowthThreshold();
		if (!saturated) {
			return active;
		}
		double perConsumer = consumption / active;
		// A window spent mostly rebalancing or stuck consumes next to nothing: that is
		// not
		// a consumer's capacity, and dividing by it would ask for absurd numbers.
		if (!context.enoughData || context.rebalancing || perConsumer < MIN_MEASURABLE_RATE) {
			return null;
		}
		return (int) Math.min(MAX_CONSUMERS, Math.max(1, Math.ceil(production / perConsumer)));
	}

	static CapacitySignals capacity(double production, double consumption, int active, @Nullable Integer needed,
			int partitions, @Nullable TimeBehind worst) {
		Integer capped = (needed != null) ? Math.min(needed, Math.max(1, partitions)) : null;
		return new CapacitySignals(round(production), round(consumption), active, capped,
				(worst != null) ? worst.ms() : null, (worst != null) ? worst.source() : null);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * How far behind in time.
	 *
	 * @param ms milliseconds, never negative
	 * @param source how it was measured
	 */
	record TimeBehind(long ms, TimeBehindSource source) {

	}

}

package io.github.kafkaresilience.benchmarks.analysis;

/**
 * What one benchmark run measured. Every number comes from the run's own logs.
 *
 * @param run the run directory's name
 * @param scenario the configuration: the run's label, or its scenario name when it has
 * none
 * @param instances consumer processes
 * @param concurrency consumers per process
 * @param processingMs simulated processing time per record
 * @param ratePerSecond target production rate
 * @param produced records the broker acknowledged
 * @param sendFailures records the producer could not send
 * @param consumed distinct records consumed
 * @param duplicates consumptions beyond the first of a record
 * @param lost acknowledged records never consumed
 * @param keyMismatches consumed records whose key differs from the one produced at that
 * offset (a harness sanity check, always 0 in a sound run)
 * @param restarts instances restarted
 * @param notHealthy restarted instances that were not healthy in time
 * @param meanStopMs mean time from SIGTERM to process exit
 * @param meanBackMs mean time from process exit to healthy again
 * @param rebalances rebalances completed during the roll: classic generations stabilized
 * or consumer-protocol assignment epochs computed
 * @param joinPhases classic "Preparing to rebalance" phases during the roll
 * @param leaves members that left on purpose during the roll
 * @param expirations members the coordinator removed after their session timed out
 * @param groupWideStopMs time in gaps longer than the threshold during which records were
 * waiting and no partition consumed anything
 * @param stalledPartitionMs time in gaps longer than the threshold, summed over
 * partitions, on partitions that had records waiting
 * @param longestGapMs longest gap on any partition
 * @param longestGapUntouchedMs longest gap on a partition whose last consumer was not
 * restarting during the gap
 * @param longestGapSameOwnerMs longest gap on a partition that stayed with the same
 * instance, not restarting during the gap: a pause without any move, as an eager
 * rebalance causes
 * @param latencyP50Ms median end-to-end latency (first consumption minus production)
 * @param latencyP99Ms 99th percentile end-to-end latency
 * @param latencyMaxMs maximum end-to-end latency
 * @param gapThresholdMs shortest gap that counts as a stall
 * @param burst records sent at once when the roll started (0 for none)
 * @param burstDrainMs from the start of the burst to the first consumption of its last
 * record: how long the group took to work through the backlog during the roll (0 without
 * a burst)
 * @author kafka-resilience
 */
public record RunResult(String run, String scenario, int instances, int concurrency, int processingMs,
		int ratePerSecond, long produced, long sendFailures, long consumed, long duplicates, long lost,
		long keyMismatches, int restarts, int notHealthy, long meanStopMs, long meanBackMs, int rebalances,
		int joinPhases, int leaves, int expirations, long groupWideStopMs, long stalledPartitionMs, long longestGapMs,
		long longestGapUntouchedMs, long longestGapSameOwnerMs, long latencyP50Ms, long latencyP99Ms, long latencyMaxMs,
		long gapThresholdMs, int burst, long burstDrainMs) {

}

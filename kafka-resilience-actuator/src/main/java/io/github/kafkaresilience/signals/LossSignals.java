package io.github.kafkaresilience.signals;

/**
 * Records the group did not process although they were written, counted since this
 * application started.
 *
 * @param recordsLost records deleted (by retention, {@code deleteRecords} or compaction
 * of the head) before the group read them
 * @param recordsGivenUp records this application's listeners failed on and left behind
 * (skipped, or sent to a dead-letter or retry topic)
 * @author kafka-resilience
 */
public record LossSignals(long recordsLost, long recordsGivenUp) {

}

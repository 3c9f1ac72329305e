package io.github.kafkaresilience.evidence;

/**
 * Offsets a consumer went past without a record: gaps from compaction or transaction
 * markers, and the records an offset reset skipped.
 *
 * @param fromOffset the first offset not seen
 * @param toOffset the offset of the record seen next
 * @param time when the consumer jumped, in epoch milliseconds
 * @author kafka-resilience
 */
public record OffsetJump(long fromOffset, long toOffset, long time) {

}

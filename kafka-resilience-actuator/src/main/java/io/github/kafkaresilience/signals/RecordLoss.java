package io.github.kafkaresilience.signals;

import java.time.Instant;

import org.apache.kafka.common.TopicPartition;

/**
 * Records of one partition deleted (by retention, {@code deleteRecords} or compaction of
 * the head) before the group read them.
 *
 * @param time when it was seen
 * @param partition the partition
 * @param fromOffset the first lost offset
 * @param toOffset the log start: the first offset still there
 * @param reset whether this application's consumer was seen jumping over them (its
 * {@code auto.offset.reset}), rather than the committed offset found below the log start
 * @author kafka-resilience
 */
public record RecordLoss(Instant time, TopicPartition partition, long fromOffset, long toOffset, boolean reset) {

	/**
	 * How many records were lost.
	 * @return the count
	 */
	public long records() {
		return this.toOffset - this.fromOffset;
	}

}

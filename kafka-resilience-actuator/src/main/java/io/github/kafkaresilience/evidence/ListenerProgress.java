package io.github.kafkaresilience.evidence;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Progress of one listener's records, per partition.
 *
 * @author kafka-resilience
 */
public final class ListenerProgress {

	private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();

	private final Clock clock;

	private final ThreadLocal<Last> last = ThreadLocal.withInitial(Last::new);

	ListenerProgress(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A record call starts. A record listener's call ends when its thread starts the next
	 * one or finishes the poll ({@link #pollFinished()}), so that a record costs one
	 * callback, not two.
	 */
	void recordStarted(ConsumerRecord<?, ?> record) {
		Last last = this.last.get();
		finishCurrent(last);
		PartitionProgress progress = progress(last, record);
		progress.started(record.offset(), record.timestamp());
		last.current = progress;
		last.currentOffset = record.offset();
		last.currentTimestamp = record.timestamp();
	}

	void recordFailed(ConsumerRecord<?, ?> record, Throwable exception) {
		Last last = this.last.get();
		PartitionProgress progress = progress(last, record);
		if (last.current == progress && last.currentOffset == record.offset()) {
			last.current = null;
		}
		progress.failed(record.offset(), exception, this.clock.millis());
	}

	/**
	 * The thread finished the records of a poll: its last call has ended.
	 */
	void pollFinished() {
		finishCurrent(this.last.get());
	}

	private static void finishCurrent(Last last) {
		PartitionProgress current = last.current;
		if (current != null) {
			last.current = null;
			current.succeeded(last.currentOffset, last.currentTimestamp, 1);
		}
	}

	void startedBatch(ConsumerRecord<?, ?> record) {
		progress(record).startedBatch(record.offset(), record.timestamp(), this.clock.millis(), System.nanoTime());
	}

	void succeeded(ConsumerRecord<?, ?> record, int records) {
		progress(record).succeeded(record.offset(), record.timestamp(), records);
	}

	void failed(ConsumerRecord<?, ?> record, Throwable exception) {
		progress(record).failed(record.offset(), exception, this.clock.millis());
	}

	void abandoned(ConsumerRecord<?, ?> record) {
		progress(record).abandoned();
	}

	/**
	 * Tell the progress what the group committed, so that a failing record the error
	 * handler recovered without a record after it counts as left behind.
	 * @param committed committed offsets of the group
	 */
	public void committed(Map<TopicPartition, Long> committed) {
		this.partitions.forEach((partition, progress) -> {
			Long offset = committed.get(partition);
			if (offset != null) {
				progress.committed(offset, this.clock.millis());
			}
		});
	}

	/**
	 * Offsets the listener's consumers went past without a record since the last call,
	 * per partition.
	 * @return the jumps, each returned once
	 */
	public Map<TopicPartition, List<OffsetJump>> drainJumps() {
		Map<TopicPartition, List<OffsetJump>> jumps = new HashMap<>();
		this.partitions.forEach((partition, progress) -> {
			List<OffsetJump> drained = progress.drainJumps();
			if (!drained.isEmpty()) {
				jumps.put(partition, drained);
			}
		});
		return jumps;
	}

	/**
	 * What happened per partition so far.
	 * @return evidence per partition
	 */
	public Map<TopicPartition, PartitionEvidence> snapshot() {
		Map<TopicPartition, PartitionEvidence> evidence = new HashMap<>();
		long now = this.clock.millis();
		this.partitions.forEach((partition, progress) -> evidence.put(partition, progress.snapshot(now)));
		return evidence;
	}

	private PartitionProgress progress(ConsumerRecord<?, ?> record) {
		return progress(this.last.get(), record);
	}

	private PartitionProgress progress(Last last, ConsumerRecord<?, ?> record) {
		// Records of one partition come in runs on one thread: the last partition is
		// almost always the one asked for, and is found without a lookup or allocation.
		if (last.partition == record.partition() && record.topic().equals(last.topic) && last.progress != null) {
			return last.progress;
		}
		TopicPartition key = new TopicPartition(record.topic(), record.partition());
		PartitionProgress progress = this.partitions.computeIfAbsent(key, (tp) -> new PartitionProgress());
		last.topic = record.topic();
		last.partition = record.partition();
		last.progress = progress;
		return progress;
	}

	/**
	 * The partition a consumer thread touched last, and its record call still running.
	 */
	private static final class Last {

		private @Nullable PartitionProgress current;

		private long currentOffset;

		private long currentTimestamp;

		private @Nullable String topic;

		private int partition = -1;

		private @Nullable PartitionProgress progress;

	}

}

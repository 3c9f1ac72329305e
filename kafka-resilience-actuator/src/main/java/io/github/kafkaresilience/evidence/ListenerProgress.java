package io.github.kafkaresilience.evidence;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Progress of one listener's records, per partition.
 *
 * @author kafka-resilience
 */
public final class ListenerProgress {

	private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();

	private final Clock clock;

	ListenerProgress(Clock clock) {
		this.clock = clock;
	}

	void started(ConsumerRecord<?, ?> record) {
		progress(record).started(record.offset(), record.timestamp(), this.clock.millis(), System.nanoTime());
	}

	void succeeded(ConsumerRecord<?, ?> record, int records) {
		progress(record).succeeded(record.offset(), record.timestamp(), this.clock.millis(), System.nanoTime(),
				records);
	}

	void failed(ConsumerRecord<?, ?> record, Throwable exception) {
		progress(record).failed(record.offset(), exception, this.clock.millis(), System.nanoTime());
	}

	void abandoned(ConsumerRecord<?, ?> record) {
		progress(record).abandoned(System.nanoTime());
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
		this.partitions.forEach((partition, progress) -> evidence.put(partition, progress.snapshot()));
		return evidence;
	}

	private PartitionProgress progress(ConsumerRecord<?, ?> record) {
		TopicPartition key = new TopicPartition(record.topic(), record.partition());
		PartitionProgress progress = this.partitions.get(key);
		return (progress != null) ? progress : this.partitions.computeIfAbsent(key, (tp) -> new PartitionProgress());
	}

}

package io.github.kafkaresilience.evidence;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Records each batch listener call in its {@link ListenerProgress}, per partition of the
 * batch. A failure names the record a {@code BatchListenerFailedException} points at, or
 * the first record of every partition when the listener does not say.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author kafka-resilience
 */
final class ProgressBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

	private final ListenerProgress progress;

	ProgressBatchInterceptor(ListenerProgress progress) {
		this.progress = progress;
	}

	@Override
	public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		for (TopicPartition partition : records.partitions()) {
			this.progress.startedBatch(records.records(partition).get(0));
		}
		return records;
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<K, V>> inPartition = records.records(partition);
			this.progress.succeeded(inPartition.get(inPartition.size() - 1), inPartition.size());
		}
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		Throwable cause = ListenerFailures.cause(exception);
		@Nullable ConsumerRecord<?, ?> failed = ListenerFailures.failedRecord(exception, records);
		for (TopicPartition partition : records.partitions()) {
			ConsumerRecord<K, V> first = records.records(partition).get(0);
			if (failed == null) {
				this.progress.failed(first, cause);
			}
			else if (failed.topic().equals(partition.topic()) && failed.partition() == partition.partition()) {
				this.progress.failed(failed, cause);
			}
			else {
				this.progress.abandoned(first);
			}
		}
	}

}

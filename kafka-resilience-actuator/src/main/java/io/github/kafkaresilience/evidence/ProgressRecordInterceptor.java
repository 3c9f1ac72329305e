package io.github.kafkaresilience.evidence;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Records each record listener call's start and failure in its {@link ListenerProgress};
 * a call without a failure succeeded once the next one starts or the poll is done. Never
 * changes or skips a record.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author kafka-resilience
 */
final class ProgressRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final ListenerProgress progress;

	ProgressRecordInterceptor(ListenerProgress progress) {
		this.progress = progress;
	}

	@Override
	public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.progress.recordStarted(record);
		return record;
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		this.progress.recordFailed(record, ListenerFailures.cause(exception));
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		this.progress.pollFinished();
	}

}

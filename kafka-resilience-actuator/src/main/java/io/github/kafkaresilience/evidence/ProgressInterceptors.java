package io.github.kafkaresilience.evidence;

import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Adds kafka-resilience's progress interceptors to a container, after the interceptor the
 * user configured, so that the user's one keeps running first and may still skip a
 * record.
 *
 * @author kafka-resilience
 */
public final class ProgressInterceptors {

	private ProgressInterceptors() {
	}

	/**
	 * Install both interceptors; the container uses the one that fits its listener.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param container a container that has not started
	 * @param progress where the listener's progress goes
	 */
	public static <K, V> void install(AbstractMessageListenerContainer<K, V> container, ListenerProgress progress) {
		RecordInterceptor<K, V> record = new ProgressRecordInterceptor<>(progress);
		RecordInterceptor<K, V> userRecord = container.getRecordInterceptor();
		if (!(userRecord instanceof ProgressRecordInterceptor)) {
			container.setRecordInterceptor(
					(userRecord != null) ? new CompositeRecordInterceptor<>(userRecord, record) : record);
		}
		BatchInterceptor<K, V> batch = new ProgressBatchInterceptor<>(progress);
		BatchInterceptor<K, V> userBatch = container.getBatchInterceptor();
		if (!(userBatch instanceof ProgressBatchInterceptor)) {
			container
				.setBatchInterceptor((userBatch != null) ? new CompositeBatchInterceptor<>(userBatch, batch) : batch);
		}
	}

}

package io.github.kafkaresilience.evidence;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Finds the user's exception and the failed record inside Spring Kafka's wrappers.
 *
 * @author kafka-resilience
 */
final class ListenerFailures {

	private ListenerFailures() {
	}

	/**
	 * The listener's own exception: Spring Kafka wraps it, and the wrapper's class says
	 * nothing about the cause.
	 */
	static Throwable cause(Throwable exception) {
		Throwable current = exception;
		while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException)
				&& current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

	static @Nullable ConsumerRecord<?, ?> failedRecord(Throwable exception, ConsumerRecords<?, ?> records) {
		Throwable current = exception;
		for (int depth = 0; current != null && depth < 10; depth++) {
			if (current instanceof BatchListenerFailedException failed) {
				if (failed.getRecord() != null) {
					return failed.getRecord();
				}
				int index = failed.getIndex();
				int i = 0;
				for (ConsumerRecord<?, ?> record : records) {
					if (i++ == index) {
						return record;
					}
				}
				return null;
			}
			current = current.getCause();
		}
		return null;
	}

}

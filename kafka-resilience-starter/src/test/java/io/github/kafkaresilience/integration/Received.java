package io.github.kafkaresilience.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a test application's listener has seen.
 */
public class Received {

	private final List<String> started = new CopyOnWriteArrayList<>();

	private final List<String> processed = new CopyOnWriteArrayList<>();

	void add(ConsumerRecord<String, String> record) {
		this.started.add(key(record));
	}

	void processed(ConsumerRecord<String, String> record) {
		this.processed.add(key(record));
	}

	/**
	 * Records whose processing started, as {@code partition@offset}.
	 * @return the records
	 */
	public List<String> started() {
		return List.copyOf(this.started);
	}

	/**
	 * Records whose processing finished, as {@code partition@offset}.
	 * @return the records
	 */
	public List<String> processed() {
		return List.copyOf(this.processed);
	}

	private static String key(ConsumerRecord<String, String> record) {
		return record.partition() + "@" + record.offset();
	}

}

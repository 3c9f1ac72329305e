package io.github.kafkaresilience.aot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The values the listener received, in order.
 *
 * @author kafka-resilience
 */
public class ReceivedRecords {

	private final List<String> values = new CopyOnWriteArrayList<>();

	void add(String value) {
		this.values.add(value);
	}

	/**
	 * What was received so far.
	 * @return a copy of the values
	 */
	public List<String> values() {
		return List.copyOf(this.values);
	}

}

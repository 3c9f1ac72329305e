package io.github.kafkaresilience.benchmarks.analysis;

/**
 * One record a consumer instance processed, as its consumption log wrote it
 * ({@code instance,partition,offset,key,producedAtMs,consumedAtMs}, no header).
 *
 * @param instance the instance name
 * @param partition the partition
 * @param offset the offset
 * @param key the record key
 * @param producedAtMs the record's timestamp
 * @param consumedAtMs when the listener received it
 * @author kafka-resilience
 */
public record Consumed(String instance, int partition, long offset, String key, long producedAtMs, long consumedAtMs) {

	static Consumed parse(String line) {
		String[] fields = line.split(",");
		return new Consumed(fields[0], Integer.parseInt(fields[1]), Long.parseLong(fields[2]), fields[3],
				Long.parseLong(fields[4]), Long.parseLong(fields[5]));
	}

}

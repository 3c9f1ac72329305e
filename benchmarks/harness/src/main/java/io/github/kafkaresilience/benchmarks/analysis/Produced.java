package io.github.kafkaresilience.benchmarks.analysis;

/**
 * One record the producer sent, as written to {@code produced.csv}.
 *
 * @param key the record key
 * @param partition the partition the broker acknowledged, or -1 when the send failed
 * @param offset the acknowledged offset, or -1 when the send failed
 * @param producedAtMs the record's timestamp, set by the producer when it sent it
 * @author kafka-resilience
 */
public record Produced(String key, int partition, long offset, long producedAtMs) {

	/**
	 * The CSV header of {@code produced.csv}.
	 */
	public static final String CSV_HEADER = "key,partition,offset,producedAtMs";

	static Produced parse(String line) {
		String[] fields = line.split(",");
		return new Produced(fields[0], Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
				Long.parseLong(fields[3]));
	}

	boolean acknowledged() {
		return this.partition >= 0;
	}

	/**
	 * This record as one CSV line.
	 * @return the line, without a line separator
	 */
	public String toCsv() {
		return this.key + "," + this.partition + "," + this.offset + "," + this.producedAtMs;
	}

}

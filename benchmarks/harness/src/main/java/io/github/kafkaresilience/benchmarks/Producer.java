package io.github.kafkaresilience.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.kafkaresilience.benchmarks.analysis.Produced;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records with unique keys at a fixed rate, in bulk or in a burst. Either it logs
 * every acknowledgement (key, partition, offset, timestamp) so that the analysis can tell
 * which records were lost or consumed twice and how long each waited, or it writes tiny
 * records round-robin over given partitions, so that a drain measures per-record costs.
 *
 * @author kafka-resilience
 */
final class Producer implements AutoCloseable {

	private static final String VALUE = "0123456789abcdef";

	private final KafkaProducer<String, String> producer;

	private final String topic;

	private final List<TopicPartition> partitions;

	private final BufferedWriter log;

	private final AtomicLong failures = new AtomicLong();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private long next;

	private volatile long sent;

	private volatile boolean running = true;

	private Thread thread;

	private Producer(Map<String, Object> config, String topic, List<TopicPartition> partitions, BufferedWriter log) {
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
		this.topic = topic;
		this.partitions = List.copyOf(partitions);
		this.log = log;
	}

	/**
	 * Keys {@code k0}, {@code k1}, … to the topic's partitioner, no batching delay (the
	 * latency measured should be the consumers'), every acknowledgement logged.
	 */
	static Producer logging(String bootstrapServers, String topic, Path log) throws IOException {
		BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
		writer.write(Produced.CSV_HEADER);
		writer.newLine();
		return new Producer(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG, "bench-producer"),
				topic, List.of(), writer);
	}

	/**
	 * Keys {@code k<n>} and a 16-character value, round-robin over the partitions,
	 * batched.
	 */
	static Producer roundRobin(String bootstrapServers, List<TopicPartition> partitions) {
		return new Producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.CLIENT_ID_CONFIG, "bench-bulk-producer", ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), null, partitions,
				null);
	}

	/**
	 * Keep sending at a fixed rate on a daemon thread until {@link #close()}, catching up
	 * to the schedule rather than sleeping a fixed period, so that a slow send does not
	 * lower the rate.
	 */
	void startRate(int ratePerSecond) {
		if (ratePerSecond <= 0) {
			return;
		}
		this.thread = new Thread(() -> {
			long start = System.nanoTime();
			long count = 0;
			while (this.running && !Thread.currentThread().isInterrupted()) {
				long due = (System.nanoTime() - start) * ratePerSecond / TimeUnit.SECONDS.toNanos(1);
				while (count < due && this.running) {
					send("k" + this.next, this.next++);
					count++;
				}
				this.sent = count;
				Harness.sleep(Duration.ofMillis(2));
			}
		}, "bench-producer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Send records from the calling thread and wait until the broker acknowledged all of
	 * them.
	 * @throws IllegalStateException if any send failed
	 */
	void fill(long records) {
		for (long i = 0; i < records; i++) {
			send("k" + this.next, this.next++);
		}
		this.producer.flush();
		if (this.failures.get() > 0) {
			throw new IllegalStateException(this.failures.get() + " records were not written", this.firstFailure.get());
		}
	}

	/**
	 * Send records at once from the calling thread with keys {@code b0}, {@code b1}, …
	 * (apart from the fixed-rate keys), and wait for their acknowledgements.
	 */
	void burst(int count) {
		for (int i = 0; i < count; i++) {
			send("b" + i, i);
		}
		this.producer.flush();
	}

	private void send(String key, long sequence) {
		long timestamp = System.currentTimeMillis();
		ProducerRecord<String, String> record;
		if (this.partitions.isEmpty()) {
			record = new ProducerRecord<>(this.topic, null, timestamp, key, "v" + key);
		}
		else {
			TopicPartition partition = this.partitions.get((int) (sequence % this.partitions.size()));
			record = new ProducerRecord<>(partition.topic(), partition.partition(), key, VALUE);
		}
		this.producer.send(record, (metadata, exception) -> {
			if (exception != null) {
				this.failures.incrementAndGet();
				this.firstFailure.compareAndSet(null, exception);
			}
			if (this.log != null) {
				write((exception == null) ? new Produced(key, metadata.partition(), metadata.offset(), timestamp)
						: new Produced(key, -1, -1, timestamp));
			}
		});
	}

	private void write(Produced record) {
		synchronized (this.log) {
			try {
				this.log.write(record.toCsv());
				this.log.newLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	long sent() {
		return this.sent;
	}

	long failures() {
		return this.failures.get();
	}

	/**
	 * Stop sending, wait for every outstanding acknowledgement, and close the log.
	 */
	@Override
	public void close() throws IOException {
		this.running = false;
		if (this.thread != null) {
			Harness.join(this.thread, Duration.ofSeconds(10));
		}
		this.producer.close(Duration.ofSeconds(10));
		if (this.log != null) {
			synchronized (this.log) {
				this.log.close();
			}
		}
	}

}

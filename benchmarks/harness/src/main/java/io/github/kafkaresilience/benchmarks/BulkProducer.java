package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes small records round-robin over a list of partitions: a pre-fill as fast as the
 * broker takes it, or a steady trickle. Records are tiny (a key {@code k<n>} and a
 * 16-character value) so that a drain measures per-record costs, not bytes.
 *
 * @author kafka-resilience
 */
final class BulkProducer implements AutoCloseable {

	private static final String VALUE = "0123456789abcdef";

	private final KafkaProducer<String, String> producer;

	private final List<TopicPartition> partitions;

	private final AtomicLong failures = new AtomicLong();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private long next;

	private volatile boolean running = true;

	private Thread trickle;

	BulkProducer(String bootstrapServers, List<TopicPartition> partitions) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.CLIENT_ID_CONFIG, "bench-bulk-producer", ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
				new StringSerializer(), new StringSerializer());
		this.partitions = List.copyOf(partitions);
	}

	/**
	 * Send records and wait until the broker acknowledged all of them.
	 * @param records how many
	 * @throws IllegalStateException if any send failed
	 */
	void fill(long records) {
		for (long i = 0; i < records; i++) {
			send();
		}
		this.producer.flush();
		if (this.failures.get() > 0) {
			throw new IllegalStateException(this.failures.get() + " records were not written", this.firstFailure.get());
		}
	}

	/**
	 * Keep sending at a fixed rate on a daemon thread until {@link #close()}.
	 * @param ratePerSecond records per second, 0 for none
	 */
	void trickle(int ratePerSecond) {
		if (ratePerSecond <= 0) {
			return;
		}
		this.trickle = new Thread(() -> {
			long start = System.nanoTime();
			long sent = 0;
			while (this.running) {
				long due = (System.nanoTime() - start) * ratePerSecond / TimeUnit.SECONDS.toNanos(1);
				while (sent < due && this.running) {
					send();
					sent++;
				}
				Threads.sleep(Duration.ofMillis(5));
			}
		}, "bench-trickle-producer");
		this.trickle.setDaemon(true);
		this.trickle.start();
	}

	private void send() {
		long n = this.next++;
		TopicPartition partition = this.partitions.get((int) (n % this.partitions.size()));
		this.producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k" + n, VALUE),
				(metadata, exception) -> {
					if (exception != null) {
						this.failures.incrementAndGet();
						this.firstFailure.compareAndSet(null, exception);
					}
				});
	}

	long failures() {
		return this.failures.get();
	}

	@Override
	public void close() {
		this.running = false;
		if (this.trickle != null) {
			Threads.join(this.trickle, Duration.ofSeconds(5));
		}
		this.producer.close(Duration.ofSeconds(10));
	}

}

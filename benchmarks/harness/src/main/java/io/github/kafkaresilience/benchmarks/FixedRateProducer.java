package io.github.kafkaresilience.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.kafkaresilience.benchmarks.analysis.Produced;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces records with unique sequential keys at a fixed rate and logs every
 * acknowledgement (key, partition, offset, timestamp), so that the analysis can tell
 * which records were lost or consumed twice and how long each one waited.
 *
 * @author kafka-resilience
 */
final class FixedRateProducer implements AutoCloseable {

	private final KafkaProducer<String, String> producer;

	private final String topic;

	private final int ratePerSecond;

	private final BufferedWriter log;

	private final Thread thread;

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean running = true;

	private volatile long sent;

	FixedRateProducer(String bootstrapServers, String topic, int ratePerSecond, Path log) throws IOException {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						// No batching delay: latency should be the consumers', not the
						// producer's.
						ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG, "bench-producer"),
				new StringSerializer(), new StringSerializer());
		this.topic = topic;
		this.ratePerSecond = ratePerSecond;
		this.log = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
		this.log.write(Produced.CSV_HEADER);
		this.log.newLine();
		this.thread = new Thread(this::produce, "fixed-rate-producer");
	}

	void start() {
		this.thread.start();
	}

	private void produce() {
		long startNanos = System.nanoTime();
		long count = 0;
		while (this.running) {
			// Catch up to the schedule rather than sleeping a fixed period, so that a
			// slow
			// send does not lower the rate.
			long due = (System.nanoTime() - startNanos) * this.ratePerSecond / TimeUnit.SECONDS.toNanos(1);
			while (count < due && this.running) {
				send(count++);
			}
			this.sent = count;
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void send(long sequence) {
		send("k" + sequence);
	}

	private void send(String key) {
		long timestamp = System.currentTimeMillis();
		this.producer.send(new ProducerRecord<>(this.topic, null, timestamp, key, "v" + key), (metadata, exception) -> {
			Produced record = (exception == null)
					? new Produced(key, metadata.partition(), metadata.offset(), timestamp)
					: new Produced(key, -1, -1, timestamp);
			if (exception != null) {
				this.failures.incrementAndGet();
			}
			write(record.toCsv());
		});
	}

	private void write(String line) {
		synchronized (this.log) {
			try {
				this.log.write(line);
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

	/**
	 * Send {@code count} records at once from the calling thread, with keys {@code b0},
	 * {@code b1}, … (apart from the fixed-rate keys), logged like every other record, and
	 * wait for their acknowledgements.
	 * @param count the number of records
	 */
	void burst(int count) {
		for (int i = 0; i < count; i++) {
			send("b" + i);
		}
		this.producer.flush();
	}

	long failures() {
		return this.failures.get();
	}

	/**
	 * Stop producing, wait for every outstanding acknowledgement, and close the log.
	 */
	@Override
	public void close() throws IOException {
		this.running = false;
		Threads.join(this.thread, Duration.ofSeconds(10));
		this.producer.close();
		synchronized (this.log) {
			this.log.close();
		}
	}

}

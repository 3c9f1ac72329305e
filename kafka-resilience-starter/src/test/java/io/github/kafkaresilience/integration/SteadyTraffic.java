package io.github.kafkaresilience.integration;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces to a topic at a known rate, round-robin over its partitions, on a background
 * thread until closed. Each tick catches up with the rate since the start, so the rate
 * holds however long a single send takes.
 */
final class SteadyTraffic implements AutoCloseable {

	private static final long TICK_MS = 20;

	private final KafkaProducer<String, String> producer;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final AtomicLong sent = new AtomicLong();

	private final String topic;

	private final int partitions;

	private final double perSecond;

	private final long startNanos = System.nanoTime();

	SteadyTraffic(String bootstrapServers, String topic, int partitions, double perSecond) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.LINGER_MS_CONFIG,
				5));
		this.topic = topic;
		this.partitions = partitions;
		this.perSecond = perSecond;
		this.scheduler.scheduleAtFixedRate(this::catchUp, 0, TICK_MS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Records handed to the producer so far.
	 * @return the count
	 */
	long sent() {
		return this.sent.get();
	}

	private void catchUp() {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		long due = (long) (seconds * this.perSecond);
		while (this.sent.get() < due) {
			int partition = (int) (this.sent.getAndIncrement() % this.partitions);
			this.producer.send(new ProducerRecord<>(this.topic, partition, null, "value"));
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.scheduler.shutdown();
		this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		this.producer.close();
	}

}

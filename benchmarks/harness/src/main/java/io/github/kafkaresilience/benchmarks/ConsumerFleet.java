package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Many plain {@link KafkaConsumer}s in this JVM, one thread each, all in one group on one
 * topic, polling until closed. It counts what each member owns, so the benchmark knows
 * when every partition is assigned and whether the group moved partitions later.
 *
 * @author kafka-resilience
 */
final class ConsumerFleet implements AutoCloseable {

	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicIntegerArray owned;

	private final AtomicInteger assignmentChanges = new AtomicInteger();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final CountDownLatch closed;

	/**
	 * Start the consumers; each creates, subscribes and polls its consumer on its own
	 * thread.
	 * @param members how many consumers
	 * @param topic the topic they subscribe to
	 * @param config every consumer's settings, without client id and deserializers
	 * @param clientIdPrefix client ids are this plus the member's number
	 */
	ConsumerFleet(int members, String topic, Map<String, Object> config, String clientIdPrefix) {
		this.owned = new AtomicIntegerArray(members);
		this.closed = new CountDownLatch(members);
		for (int i = 0; i < members; i++) {
			int member = i;
			Map<String, Object> settings = new HashMap<>(config);
			settings.put("client.id", clientIdPrefix + member);
			Thread thread = new Thread(() -> poll(member, topic, settings), clientIdPrefix + member);
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void poll(int member, String topic, Map<String, Object> settings) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic), new Counting(member));
			while (this.running.get()) {
				consumer.poll(POLL_TIMEOUT);
			}
		}
		catch (RuntimeException ex) {
			this.failure.compareAndSet(null, ex);
		}
		finally {
			this.closed.countDown();
		}
	}

	/**
	 * Partitions owned by all members together.
	 * @return the sum
	 */
	int ownedPartitions() {
		return IntStream.range(0, this.owned.length()).map(this.owned::get).sum();
	}

	/**
	 * Members that own no partition.
	 * @return the count
	 */
	int idleMembers() {
		return (int) IntStream.range(0, this.owned.length()).filter((member) -> this.owned.get(member) == 0).count();
	}

	/**
	 * Rebalance callbacks that assigned or took away partitions, over all members since
	 * the start.
	 * @return the count
	 */
	int assignmentChanges() {
		return this.assignmentChanges.get();
	}

	/**
	 * Fail if a consumer thread died.
	 * @throws IllegalStateException with the first failure
	 */
	void checkHealthy() {
		Throwable ex = this.failure.get();
		if (ex != null) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			throw new IllegalStateException("A consumer failed: " + ex + ", caused by " + root, ex);
		}
	}

	/**
	 * Stop polling and close every consumer (each leaves the group), all at once.
	 */
	@Override
	public void close() {
		this.running.set(false);
		try {
			if (!this.closed.await(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				Harness.info(
						this.closed.getCount() + " consumers still closing after " + CLOSE_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final class Counting implements ConsumerRebalanceListener {

		private final int member;

		Counting(int member) {
			this.member = member;
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			change(partitions.size());
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			change(-partitions.size());
		}

		private void change(int delta) {
			if (delta != 0) {
				ConsumerFleet.this.owned.addAndGet(this.member, delta);
				ConsumerFleet.this.assignmentChanges.incrementAndGet();
			}
		}

	}

}

package io.github.kafkaresilience.benchmarks.actuatorapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * {@code bench.mode=drain}: one listener drains {@code bench.topic} and, at the
 * {@code bench.records}-th record, writes how long it took from the first record to that
 * one and exits. Timing inside the application leaves out JVM and context start-up and
 * the group join, which take seconds and vary more than the drain itself. It also times
 * the last nine tenths on their own, after the JIT compiler has settled.
 *
 * @author kafka-resilience
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.mode", havingValue = "drain")
class DrainConfiguration {

	@Bean
	DrainListener drainListener(@Value("${bench.records}") long expected, @Value("${bench.result}") Path result,
			ConfigurableApplicationContext context, SignalsProbe probe) {
		return new DrainListener(expected, result, context, probe);
	}

	/**
	 * Counts records; nothing else per record, so that any difference between runs with
	 * and without kafka-resilience is the starter's.
	 */
	static final class DrainListener {

		private final long expected;

		private final Path result;

		private final ConfigurableApplicationContext context;

		private final SignalsProbe probe;

		private final AtomicLong consumed = new AtomicLong();

		private volatile long firstNanos;

		private volatile long firstEpochMs;

		private volatile long tenthNanos;

		DrainListener(long expected, Path result, ConfigurableApplicationContext context, SignalsProbe probe) {
			this.expected = expected;
			this.result = result;
			this.context = context;
			this.probe = probe;
		}

		@KafkaListener(id = "drain", topics = "${bench.topic}", groupId = "${bench.group}",
				concurrency = "${bench.concurrency}")
		void consume(ConsumerRecord<String, String> record) {
			long count = this.consumed.incrementAndGet();
			if (count == 1) {
				this.firstNanos = System.nanoTime();
				this.firstEpochMs = System.currentTimeMillis();
			}
			else if (count == this.expected / 10) {
				this.tenthNanos = System.nanoTime();
			}
			else if (count == this.expected) {
				finish(System.nanoTime(), System.currentTimeMillis());
			}
		}

		private void finish(long lastNanos, long lastEpochMs) {
			Properties properties = new Properties();
			properties.setProperty("records", Long.toString(this.expected));
			properties.setProperty("elapsedNanos", Long.toString(lastNanos - this.firstNanos));
			properties.setProperty("afterFirstTenthRecords", Long.toString(this.expected - this.expected / 10));
			properties.setProperty("afterFirstTenthNanos", Long.toString(lastNanos - this.tenthNanos));
			properties.setProperty("firstRecordEpochMs", Long.toString(this.firstEpochMs));
			properties.setProperty("lastRecordEpochMs", Long.toString(lastEpochMs));
			properties.setProperty("signalsCollector", Boolean.toString(this.probe.collecting()));
			properties.setProperty("refreshesDuringDrain",
					Long.toString(this.probe.refreshesBetween(this.firstEpochMs, lastEpochMs)));
			try {
				Path temporary = this.result.resolveSibling(this.result.getFileName() + ".tmp");
				try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
					properties.store(writer, "drain result");
				}
				// The harness never reads a half-written file.
				Files.move(temporary, this.result, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// Not on the listener thread: closing the context waits for it to return.
			Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context)), "drain-exit");
			exit.start();
		}

	}

}

package io.github.kafkaresilience.benchmarks.consumer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The consumer the rolling-restart benchmark starts and stops: one listener that
 * simulates processing time and logs every record it consumed. Everything else comes from
 * Spring Boot's {@code spring.kafka.*} properties and, unless
 * {@code kafka.resilience.enabled=false}, from kafka-resilience.
 *
 * @author kafka-resilience
 */
@SpringBootApplication
public class BenchmarkConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkConsumerApplication.class, args);
	}

	@Bean
	ConsumptionLog consumptionLog(@Value("${bench.instance}") String instance, @Value("${bench.output}") Path output,
			@Value("${bench.flush-interval:200ms}") Duration flushInterval) throws IOException {
		return new ConsumptionLog(instance, output, flushInterval);
	}

	@Bean
	BenchmarkListener benchmarkListener(ConsumptionLog log,
			@Value("${bench.processing-time:0ms}") Duration processingTime) {
		return new BenchmarkListener(log, processingTime);
	}

	/**
	 * Logs a record, then spends the configured processing time on it.
	 */
	static final class BenchmarkListener {

		private final ConsumptionLog log;

		private final long processingMillis;

		BenchmarkListener(ConsumptionLog log, Duration processingTime) {
			this.log = log;
			this.processingMillis = processingTime.toMillis();
		}

		// The client id prefix is the instance name so that the harness can find this
		// instance's members in describeConsumerGroups.
		@KafkaListener(id = "bench", topics = "${bench.topic}", groupId = "${bench.group}",
				clientIdPrefix = "${bench.instance}", concurrency = "${bench.concurrency:1}")
		void consume(ConsumerRecord<String, String> record) throws InterruptedException {
			this.log.consumed(record.partition(), record.offset(), record.key(), record.timestamp(),
					System.currentTimeMillis());
			if (this.processingMillis > 0) {
				Thread.sleep(this.processingMillis);
			}
		}

	}

}

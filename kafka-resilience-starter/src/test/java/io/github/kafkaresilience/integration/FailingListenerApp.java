package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A consumer application whose listener throws on every record with the value
 * {@value #POISON}, with the user's own {@link DefaultErrorHandler}, optional dead-letter
 * recoverer and interceptors, as Spring Boot wires them from beans. A record listener by
 * default; a batch listener with {@code spring.kafka.listener.type=batch}.
 * <p>
 * {@code app.retry.interval} and {@code app.retry.attempts} ({@code unlimited} or a
 * number of retries) set the back-off; {@code app.dead-letter=true} publishes records
 * given up on to {@code <topic>.DLT}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FailingListenerApp {

	static final String POISON = "poison";

	@Bean
	Received received() {
		return new Received();
	}

	@Bean
	UserInterceptors userInterceptors() {
		return new UserInterceptors();
	}

	@Bean
	DefaultErrorHandler errorHandler(@Value("${app.retry.interval:100ms}") Duration interval,
			@Value("${app.retry.attempts:unlimited}") String attempts,
			@Value("${app.dead-letter:false}") boolean deadLetter, KafkaTemplate<Object, Object> template) {
		FixedBackOff backOff = new FixedBackOff(interval.toMillis(),
				"unlimited".equals(attempts) ? FixedBackOff.UNLIMITED_ATTEMPTS : Long.parseLong(attempts));
		if (!deadLetter) {
			return new DefaultErrorHandler(backOff);
		}
		// Partition -1 lets the producer choose, so the dead-letter topic needs only one.
		return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template,
				(record, exception) -> new TopicPartition(record.topic() + ".DLT", -1)), backOff);
	}

	@Bean
	@ConditionalOnProperty(name = "spring.kafka.listener.type", havingValue = "single", matchIfMissing = true)
	RecordListener recordListener(Received received) {
		return new RecordListener(received);
	}

	@Bean
	@ConditionalOnProperty(name = "spring.kafka.listener.type", havingValue = "batch")
	BatchListener batchListener(Received received) {
		return new BatchListener(received);
	}

	static class RecordListener {

		private final Received received;

		RecordListener(Received received) {
			this.received = received;
		}

		@KafkaListener(id = "${app.listener-id}", topics = "${app.topic}", groupId = "${app.group}")
		void listen(ConsumerRecord<String, String> record) {
			this.received.add(record);
			if (POISON.equals(record.value())) {
				throw new PoisonPillException();
			}
			this.received.processed(record);
		}

	}

	static class BatchListener {

		private final Received received;

		BatchListener(Received received) {
			this.received = received;
		}

		@KafkaListener(id = "${app.listener-id}", topics = "${app.topic}", groupId = "${app.group}")
		void listen(List<ConsumerRecord<String, String>> records) {
			for (ConsumerRecord<String, String> record : records) {
				this.received.add(record);
				if (POISON.equals(record.value())) {
					// How a batch listener tells DefaultErrorHandler which record failed.
					throw new BatchListenerFailedException("poison in batch", new PoisonPillException(), record);
				}
				this.received.processed(record);
			}
		}

	}

	/**
	 * The user's own record and batch interceptor, counting the failures it sees: it must
	 * keep working beside kafka-resilience's.
	 */
	static class UserInterceptors implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

		private final AtomicInteger failures = new AtomicInteger();

		int count() {
			return this.failures.get();
		}

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			return record;
		}

		@Override
		public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
				Consumer<Object, Object> consumer) {
			return records;
		}

		@Override
		public void failure(ConsumerRecord<Object, Object> record, Exception exception,
				Consumer<Object, Object> consumer) {
			this.failures.incrementAndGet();
		}

		@Override
		public void failure(ConsumerRecords<Object, Object> records, Exception exception,
				Consumer<Object, Object> consumer) {
			this.failures.incrementAndGet();
		}

	}

	/**
	 * What a listener throws for a record it can never process.
	 */
	static class PoisonPillException extends RuntimeException {

		static final String MESSAGE = "simulated: this record cannot be processed";

		PoisonPillException() {
			super(MESSAGE);
		}

	}

}

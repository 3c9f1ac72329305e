package io.github.kafkaresilience.benchmarks.jmh;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.kafkaresilience.evidence.ProgressInterceptors;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * The per-record cost of the progress interceptor the starter adds to every container, as
 * Spring Kafka calls it: {@code intercept}, {@code success} and {@code afterRecord} per
 * record, {@code clearThreadState} per poll, over one poll of 500 records from 12
 * partitions in runs, as a fetch returns them. Compared with a loop that only hands the
 * records on.
 *
 * @author kafka-resilience
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RecordInterceptorBenchmark {

	private static final int RECORDS = 500;

	private final List<ConsumerRecord<Object, Object>> poll = new ArrayList<>();

	private final Consumer<Object, Object> consumer = new NoOpConsumer();

	private RecordInterceptor<Object, Object> interceptor;

	@Setup
	public void setUp() {
		KafkaMessageListenerContainer<Object, Object> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), containerProperties());
		ProgressInterceptors.install(container, new ProgressRegistry(Clock.systemUTC()).listener("bench"));
		this.interceptor = container.getRecordInterceptor();
		for (int i = 0; i < RECORDS; i++) {
			this.poll.add(new ConsumerRecord<>("bench", i * 12 / RECORDS, i, "key", "value"));
		}
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void withoutInterceptor(Blackhole blackhole) {
		for (ConsumerRecord<Object, Object> record : this.poll) {
			blackhole.consume(record);
		}
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void withProgressInterceptor(Blackhole blackhole) {
		for (ConsumerRecord<Object, Object> record : this.poll) {
			ConsumerRecord<Object, Object> intercepted = this.interceptor.intercept(record, this.consumer);
			blackhole.consume(intercepted);
			this.interceptor.success(record, this.consumer);
			this.interceptor.afterRecord(record, this.consumer);
		}
		this.interceptor.clearThreadState(this.consumer);
	}

	private static ContainerProperties containerProperties() {
		ContainerProperties properties = new ContainerProperties("bench");
		properties.setMessageListener((MessageListener<Object, Object>) (record) -> {
		});
		return properties;
	}

}

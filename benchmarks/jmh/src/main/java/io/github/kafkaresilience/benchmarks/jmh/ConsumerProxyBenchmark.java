package io.github.kafkaresilience.benchmarks.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the JDK proxy {@link MembershipConsumerPostProcessor} puts around every
 * consumer: the same call on a no-op consumer, directly and through the proxy. Spring
 * Kafka's poll loop makes a handful of such calls per poll ({@code poll}, {@code paused},
 * a commit), not per record: with {@code max.poll.records=500} the per-record share is
 * the difference divided by hundreds.
 *
 * @author kafka-resilience
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ConsumerProxyBenchmark {

	private final Duration timeout = Duration.ofMillis(100);

	private Consumer<Object, Object> direct;

	private Consumer<Object, Object> proxied;

	@Setup
	public void setUp() {
		this.direct = new NoOpConsumer();
		this.proxied = new MembershipConsumerPostProcessor(true, new ConsumerIncidents(16), Clock.systemUTC())
			.apply(new NoOpConsumer());
	}

	@Benchmark
	public ConsumerRecords<Object, Object> pollDirect() {
		return this.direct.poll(this.timeout);
	}

	@Benchmark
	public ConsumerRecords<Object, Object> pollProxied() {
		return this.proxied.poll(this.timeout);
	}

	@Benchmark
	public Set<TopicPartition> pausedDirect() {
		return this.direct.paused();
	}

	@Benchmark
	public Set<TopicPartition> pausedProxied() {
		return this.proxied.paused();
	}

}

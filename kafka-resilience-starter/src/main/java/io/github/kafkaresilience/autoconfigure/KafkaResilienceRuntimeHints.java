package io.github.kafkaresilience.autoconfigure;

import java.util.List;

import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for what kafka-resilience creates at run time: the JDK proxy
 * around each consumer ({@link MembershipConsumerPostProcessor}, a proxy of
 * {@link Consumer} alone, which Spring Kafka's own hints do not cover: they register
 * {@code Consumer} with Spring's AOP interfaces) and the assignors the starter can name
 * in {@code partition.assignment.strategy}, which the Kafka client instantiates by
 * reflection from their class names.
 *
 * @author kafka-resilience
 */
class KafkaResilienceRuntimeHints implements RuntimeHintsRegistrar {

	static final List<Class<?>> ASSIGNORS = List.of(CooperativeStickyAssignor.class, StickyAssignor.class,
			RangeAssignor.class, RoundRobinAssignor.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.proxies().registerJdkProxy(Consumer.class);
		ASSIGNORS.forEach(
				(assignor) -> hints.reflection().registerType(assignor, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
	}

}

package io.github.kafkaresilience.autoconfigure;

import java.time.Clock;
import java.util.Map;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaResilienceRuntimeHintsTests {

	@Test
	void theConsumerWrapperItsProxyHasAHintForExactlyItsInterfaces() {
		RuntimeHints hints = registered();
		// A real client: constructing it opens no connection until it is used.
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (Consumer<Object, Object> wrapped = new MembershipConsumerPostProcessor(true, new ConsumerIncidents(1),
				Clock.systemUTC())
			.apply(new KafkaConsumer<>(config))) {
			assertThat(RuntimeHintsPredicates.proxies().forInterfaces(wrapped.getClass().getInterfaces()))
				.accepts(hints);
		}
	}

	@Test
	void everyAssignorTheStarterCanNameCanBeInstantiatedByReflection() {
		RuntimeHints hints = registered();
		for (Class<?> assignor : KafkaResilienceRuntimeHints.ASSIGNORS) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(assignor)
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
		}
	}

	@Test
	void theHintsAreImportedByTheAutoConfiguration() {
		assertThat(KafkaResilienceAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(KafkaResilienceRuntimeHints.class);
	}

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		new KafkaResilienceRuntimeHints().registerHints(hints, KafkaResilienceRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}

package io.github.kafkaresilience.integration;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * An application with two producers, as a user would write them: a safe one (Kafka's
 * defaults: acks=all, idempotent) whose template has a default topic, and one with
 * {@code acks=1}. It declares one topic as a {@code NewTopic} bean.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ProducerApp {

	@Bean
	ProducerFactory<String, String> safeProducerFactory(@Value("${spring.kafka.bootstrap-servers}") String servers) {
		return new DefaultKafkaProducerFactory<>(config(servers, Map.of()));
	}

	@Bean
	ProducerFactory<String, String> weakProducerFactory(@Value("${spring.kafka.bootstrap-servers}") String servers) {
		return new DefaultKafkaProducerFactory<>(config(servers, Map.of(ProducerConfig.ACKS_CONFIG, "1")));
	}

	@Bean
	KafkaTemplate<String, String> safeTemplate(ProducerFactory<String, String> safeProducerFactory,
			@Value("${app.default-topic}") String defaultTopic) {
		KafkaTemplate<String, String> template = new KafkaTemplate<>(safeProducerFactory);
		template.setDefaultTopic(defaultTopic);
		return template;
	}

	@Bean
	KafkaTemplate<String, String> weakTemplate(ProducerFactory<String, String> weakProducerFactory) {
		return new KafkaTemplate<>(weakProducerFactory);
	}

	@Bean
	NewTopic declaredTopic(@Value("${app.declared-topic}") String name) {
		// Created by the test beforehand with its own settings; KafkaAdmin leaves it.
		return new NewTopic(name, 1, (short) 3);
	}

	private static Map<String, Object> config(String servers, Map<String, Object> extra) {
		Map<String, Object> config = new java.util.HashMap<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		config.putAll(extra);
		return config;
	}

}

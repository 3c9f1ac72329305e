package io.github.kafkaresilience.sample;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * An order-processing service that consumes the {@code orders} topic as group
 * {@code order-processing}, with kafka-resilience on the classpath and nothing else
 * configured in code. Runs on an embedded KRaft broker unless
 * {@code spring.kafka.bootstrap-servers} is given ({@link EmbeddedBrokerInitializer}).
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	NewTopic ordersTopic(SampleProperties properties) {
		// No replication factor: the broker's default fits both the embedded broker and
		// a real cluster. An existing topic is left as it is.
		return TopicBuilder.name(properties.getTopic()).partitions(properties.getPartitions()).build();
	}

}

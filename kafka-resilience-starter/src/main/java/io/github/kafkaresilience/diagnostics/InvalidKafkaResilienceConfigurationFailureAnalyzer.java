package io.github.kafkaresilience.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidKafkaResilienceConfigurationException} into Spring Boot's
 * "APPLICATION FAILED TO START" report with a description and an action.
 *
 * @author kafka-resilience
 */
class InvalidKafkaResilienceConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidKafkaResilienceConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidKafkaResilienceConfigurationException cause) {
		return new FailureAnalysis("Invalid Kafka consumer configuration: property '" + cause.getProperty() + "'. "
				+ cause.getDescription(), cause.getAction(), cause);
	}

}

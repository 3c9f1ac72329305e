package io.github.kafkaresilience.sample;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo knobs over HTTP, so that a user can make the group slow, stuck or stopped and
 * watch it recover. Every call answers with the current knobs.
 */
@RestController
@RequestMapping("/demo")
public class DemoController {

	private static final long MAX_DELAY_MS = 60_000;

	private static final double MAX_RATE = 10_000;

	private final DemoKnobs knobs;

	private final OrderLoadGenerator generator;

	private final OrderProcessor processor;

	private final KafkaListenerEndpointRegistry registry;

	private final boolean embeddedBroker;

	private final String bootstrapServers;

	DemoController(DemoKnobs knobs, OrderLoadGenerator generator, OrderProcessor processor,
			KafkaListenerEndpointRegistry registry, KafkaProperties kafkaProperties,
			ObjectProvider<EmbeddedKafkaBroker> embeddedBroker) {
		this.knobs = knobs;
		this.generator = generator;
		this.processor = processor;
		this.registry = registry;
		this.embeddedBroker = embeddedBroker.getIfAvailable() != null;
		this.bootstrapServers = String.join(",", kafkaProperties.getBootstrapServers());
	}

	@GetMapping
	DemoState state() {
		MessageListenerContainer container = container();
		return new DemoState(this.knobs.processingDelay().toMillis(), this.knobs.stuck(), this.knobs.rate(),
				container.isRunning(), this.generator.produced(), this.processor.processed(), this.generator.failed(),
				this.embeddedBroker, this.bootstrapServers);
	}

	@PostMapping("/processing-delay")
	DemoState processingDelay(@RequestParam long ms) {
		check(ms >= 0 && ms <= MAX_DELAY_MS, "ms must be between 0 and " + MAX_DELAY_MS);
		this.knobs.processingDelay(Duration.ofMillis(ms));
		return state();
	}

	@PostMapping("/stuck")
	DemoState stuck(@RequestParam boolean enabled) {
		this.knobs.stuck(enabled);
		return state();
	}

	@PostMapping("/rate")
	DemoState rate(@RequestParam double perSecond) {
		check(perSecond >= 0 && perSecond <= MAX_RATE, "perSecond must be between 0 and " + (long) MAX_RATE);
		this.knobs.rate(perSecond);
		return state();
	}

	@PostMapping("/stop")
	DemoState stop() {
		// Asynchronous: a stuck listener would otherwise hold this request for Spring
		// Kafka's shutdown timeout.
		container().stop(() -> {
		});
		return state();
	}

	@PostMapping("/start")
	DemoState start() {
		MessageListenerContainer container = container();
		if (!container.isRunning()) {
			container.start();
		}
		return state();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest(IllegalArgumentException ex) {
		return ex.getMessage();
	}

	private MessageListenerContainer container() {
		MessageListenerContainer container = this.registry.getListenerContainer(OrderProcessor.LISTENER_ID);
		if (container == null) {
			throw new IllegalStateException("No listener container '" + OrderProcessor.LISTENER_ID + "'");
		}
		return container;
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * The knobs and counters.
	 *
	 * @param processingDelayMs time the listener spends per order
	 * @param stuck whether the listener is blocked
	 * @param ratePerSecond orders produced per second
	 * @param listenerRunning whether the listener container runs
	 * @param produced orders handed to the producer since start
	 * @param processed orders processed since start
	 * @param sendFailures orders the producer could not send
	 * @param embeddedBroker whether the application runs its own embedded broker
	 * @param bootstrapServers the brokers the application talks to
	 */
	record DemoState(long processingDelayMs, boolean stuck, double ratePerSecond, boolean listenerRunning,
			long produced, long processed, long sendFailures, boolean embeddedBroker, String bootstrapServers) {

	}

}

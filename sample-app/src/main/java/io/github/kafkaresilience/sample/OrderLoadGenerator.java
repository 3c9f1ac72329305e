package io.github.kafkaresilience.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Produces orders with unique, sequential keys at the rate of {@link DemoKnobs#rate()},
 * from the moment the application is up until it stops. Keys spread the orders over every
 * partition.
 */
@Component
public class OrderLoadGenerator implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OrderLoadGenerator.class);

	private static final long TICK_MS = 100;

	// A bound per tick, so that a huge rate cannot queue unbounded sends.
	private static final int MAX_PER_TICK = 5_000;

	private final KafkaTemplate<String, String> template;

	private final JsonMapper jsonMapper;

	private final DemoKnobs knobs;

	private final String topic;

	private final AtomicLong produced = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private ScheduledExecutorService executor;

	private double credit;

	OrderLoadGenerator(KafkaTemplate<String, String> template, JsonMapper jsonMapper, DemoKnobs knobs,
			SampleProperties properties) {
		this.template = template;
		this.jsonMapper = jsonMapper;
		this.knobs = knobs;
		this.topic = properties.getTopic();
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "order-load-generator");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	long produced() {
		return this.produced.get();
	}

	long failed() {
		return this.failed.get();
	}

	private void tick() {
		// Fractional credit carries over, so that rates below 10 per second work too.
		this.credit = Math.min(this.credit + this.knobs.rate() * TICK_MS / 1000.0, MAX_PER_TICK);
		int count = (int) this.credit;
		this.credit -= count;
		try {
			for (int i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
				send();
			}
		}
		catch (RuntimeException ex) {
			// An exception would cancel every later tick: count it and keep producing.
			if (this.failed.getAndIncrement() % 1000 == 0) {
				logger.warn("Could not send orders (one line per 1000 failures)", ex);
			}
		}
	}

	private void send() {
		long sequence = this.produced.incrementAndGet();
		String orderId = String.format("order-%08d", sequence);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Order order = new Order(orderId, "customer-" + random.nextInt(1, 500),
				BigDecimal.valueOf(random.nextDouble(5, 500)).setScale(2, RoundingMode.HALF_UP), Instant.now());
		this.template.send(this.topic, orderId, this.jsonMapper.writeValueAsString(order))
			.whenComplete((result, ex) -> {
				if (ex != null && this.failed.getAndIncrement() % 1000 == 0) {
					logger.warn("Could not send order " + orderId + " (one line per 1000 failures)", ex);
				}
			});
	}

}

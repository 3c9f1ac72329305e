package io.github.kafkaresilience.shutdown;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Stops every running listener container when the application shuts down, all at once,
 * and waits for them up to {@code kafka.resilience.shutdown.timeout}. Each container
 * finishes the records of its last poll, commits their offsets and closes its consumer (a
 * static member leaves the group on the way out when configured to).
 * <p>
 * Spring Kafka honours {@code ContainerProperties.shutdownTimeout} only for a blocking
 * {@code stop()}; on context close containers are stopped through {@code stop(Runnable)},
 * which only {@code
 * spring.lifecycle.timeout-per-shutdown-phase} bounds. Running one phase before the
 * containers makes the starter's own timeout the bound that applies, and reports which
 * containers did not finish in time.
 *
 * @author kafka-resilience
 */
public final class GracefulContainerStop implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GracefulContainerStop.class);

	private final Supplier<? extends Collection<? extends MessageListenerContainer>> containers;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create a graceful stop.
	 * @param containers supplies the application's listener containers
	 * @param timeout how long to wait for all of them
	 */
	public GracefulContainerStop(Supplier<? extends Collection<? extends MessageListenerContainer>> containers,
			Duration timeout) {
		this.containers = containers;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<? extends MessageListenerContainer> running = this.containers.get()
			.stream()
			.filter(MessageListenerContainer::isRunning)
			.toList();
		if (running.isEmpty()) {
			return;
		}
		CountDownLatch stopped = new CountDownLatch(running.size());
		for (MessageListenerContainer container : running) {
			container.stop(stopped::countDown);
		}
		try {
			if (!stopped.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				List<String> late = running.stream()
					.filter(MessageListenerContainer::isChildRunning)
					.map(MessageListenerContainer::getListenerId)
					.toList();
				logger.warn("kafka-resilience: listener container(s) {} did not finish their in-flight records "
						+ "within kafka.resilience.shutdown.timeout ({} ms); records after their last commit will be "
						+ "delivered again to the next owner. Raise the timeout above the slowest batch, or lower "
						+ "max.poll.records.", late, this.timeout.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// One phase before the containers: stopped first, so this bound applies rather
		// than the phase timeout.
		return AbstractMessageListenerContainer.DEFAULT_PHASE + 1;
	}

}

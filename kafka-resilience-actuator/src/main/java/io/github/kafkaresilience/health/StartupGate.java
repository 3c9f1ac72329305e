package io.github.kafkaresilience.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.github.kafkaresilience.rebalance.RecordingRebalanceListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A health indicator for the readiness group that turns {@code UP} only once every
 * running listener container of this instance has joined its group and received its first
 * assignment (possibly empty), so that a rollout replaces the next instance only after
 * this one has taken its share. It then stays {@code UP}: rebalances, lag and verdicts
 * never take an instance out of service. Bounded by a timeout, after which it turns
 * {@code UP} anyway and says so, so that a group that cannot form never blocks a rollout.
 *
 * @author kafka-resilience
 */
public final class StartupGate implements HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(StartupGate.class);

	private final Supplier<Collection<? extends MessageListenerContainer>> containers;

	private final Duration timeout;

	private final Clock clock;

	private final Instant started;

	private volatile @Nullable Health opened;

	/**
	 * Create a gate that starts waiting now.
	 * @param containers the application's listener containers
	 * @param timeout how long to wait before turning {@code UP} anyway
	 * @param clock the clock
	 */
	public StartupGate(Supplier<Collection<? extends MessageListenerContainer>> containers, Duration timeout,
			Clock clock) {
		this.containers = containers;
		this.timeout = timeout;
		this.clock = clock;
		this.started = clock.instant();
	}

	@Override
	public Health health() {
		Health open = this.opened;
		if (open != null) {
			return open;
		}
		List<String> waiting = waiting();
		long waitedMs = Duration.between(this.started, this.clock.instant()).toMillis();
		if (waiting.isEmpty()) {
			logger.info("kafka-resilience: every listener has its first assignment after {} ms: ready", waitedMs);
			return open(Health.up().withDetail("assignedAfterMs", waitedMs).build());
		}
		if (waitedMs >= this.timeout.toMillis()) {
			logger.warn("kafka-resilience: listener(s) {} had no assignment within kafka.resilience.startup-gate"
					+ ".timeout ({} ms); ready anyway, so that a group that cannot form does not block the rollout",
					waiting, this.timeout.toMillis());
			return open(Health.up()
				.withDetail("timedOut", true)
				.withDetail("waitingFor", waiting)
				.withDetail("timeoutMs", this.timeout.toMillis())
				.build());
		}
		return Health.status(Status.OUT_OF_SERVICE)
			.withDetail("waitingFor", waiting)
			.withDetail("waitedMs", waitedMs)
			.withDetail("timeoutMs", this.timeout.toMillis())
			.build();
	}

	private Health open(Health health) {
		this.opened = health;
		return health;
	}

	// Running containers whose consumers have not all had an assignment; containers
	// kafka-resilience does not record cannot be judged and do not hold the gate.
	private List<String> waiting() {
		List<String> waiting = new ArrayList<>();
		for (MessageListenerContainer container : this.containers.get()) {
			if (!container.isRunning() || !(container.getContainerProperties()
				.getConsumerRebalanceListener() instanceof RecordingRebalanceListener recorder)) {
				continue;
			}
			int consumers = (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent)
					? concurrent.getConcurrency() : 1;
			if (recorder.consumersAssigned() < consumers) {
				waiting.add(container.getListenerId());
			}
		}
		return waiting;
	}

}

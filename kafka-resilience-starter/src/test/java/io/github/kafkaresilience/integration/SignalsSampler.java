package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.GroupSignals;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Reads a test application's current signals for one group: once, until a condition
 * holds, or at a fixed interval for a while, to show a verdict holds over time.
 */
final class SignalsSampler {

	private final ConfigurableApplicationContext app;

	private final String groupId;

	SignalsSampler(ConfigurableApplicationContext app, String groupId) {
		this.app = app;
		this.groupId = groupId;
	}

	/**
	 * The group's signals from the latest snapshot.
	 * @return the signals
	 * @throws AssertionError when the snapshot has no signals for the group yet
	 */
	GroupSignals now() {
		return current().orElseThrow(() -> new AssertionError("no signals for " + this.groupId));
	}

	/**
	 * Wait until the group's signals pass the given assertions; a timeout reports the
	 * last assertion that failed and the signals it failed on.
	 * @param atMost how long to wait
	 * @param requirements AssertJ assertions on the signals
	 * @return the signals that passed them
	 */
	GroupSignals awaitSatisfying(Duration atMost, Consumer<GroupSignals> requirements) {
		AtomicReference<GroupSignals> passed = new AtomicReference<>();
		await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			GroupSignals signals = now();
			try {
				requirements.accept(signals);
			}
			catch (AssertionError ex) {
				throw new AssertionError(ex.getMessage() + System.lineSeparator() + "in " + signals, ex);
			}
			passed.set(signals);
		});
		return passed.get();
	}

	/**
	 * The group's signals every {@code interval} for {@code duration}; polls where the
	 * snapshot has no signals for the group are left out.
	 * @param duration how long to sample
	 * @param interval time between samples
	 * @return the samples, oldest first
	 */
	List<GroupSignals> sample(Duration duration, Duration interval) throws InterruptedException {
		List<GroupSignals> samples = new ArrayList<>();
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			current().ifPresent(samples::add);
			Thread.sleep(interval.toMillis());
		}
		return samples;
	}

	private Optional<GroupSignals> current() {
		return this.app.getBean(ConsumerSignalsCollector.class).snapshot().group(this.groupId);
	}

}

package io.github.kafkaresilience.membership;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one consumer does while a rebalance refuses its commits: on a graceful stop, it
 * finishes the rebalance before it leaves, so its last commits go through; and, when a
 * grace is set, it pauses its partitions once commits have been refused that long, and
 * resumes exactly those partitions when the rebalance assigns again.
 * <p>
 * A member stopped while it rejoins (a rolling deploy that stops the next instance while
 * the previous one joins) has its final commits refused, and its revocation reports its
 * partitions lost: the next owner would consume its last records again. Polling with its
 * partitions paused lets the rebalance complete within one poll of the other members; the
 * revocation on leaving then commits.
 * <p>
 * A cooperative member of a classic group keeps consuming while the group rebalances, but
 * the Kafka client refuses its commits until the rebalance completes
 * ({@link RebalanceInProgressException}; Spring Kafka keeps the offsets and commits them
 * after it). A rebalance that waits for a crashed member's session lasts up to the
 * session timeout, and a member killed during that wait loses every commit of it: its
 * partitions are consumed again from before the wait. Holding bounds that replay to the
 * records consumed during the grace plus one poll, at the price of consuming nothing for
 * the rest of the wait, as an eager member would. A paused partition keeps its position,
 * so nothing is skipped.
 * <p>
 * Not thread-safe: a consumer is used by one thread, and so is its hold.
 *
 * @author kafka-resilience
 */
final class RefusedCommitHold {

	private static final Logger logger = LoggerFactory.getLogger(RefusedCommitHold.class);

	private static final String PROPERTY = "kafka.resilience.rebalance.max-uncommitted-time";

	private static final Duration POLL = Duration.ofMillis(100);

	private final Consumer<?, ?> consumer;

	private final @Nullable Duration grace;

	private final LongSupplier nanoTime;

	private final Set<TopicPartition> held = new HashSet<>();

	private boolean refused;

	private long refusedSince;

	private long heldSince;

	private boolean leaving;

	/**
	 * Create a hold for one consumer.
	 * @param consumer the real consumer, not the proxy around it
	 * @param grace how long commits may be refused before the partitions are paused, or
	 * {@code null} to keep consuming through a rebalance
	 * @param nanoTime monotonic clock
	 */
	RefusedCommitHold(Consumer<?, ?> consumer, @Nullable Duration grace, LongSupplier nanoTime) {
		this.consumer = consumer;
		this.grace = grace;
		this.nanoTime = nanoTime;
	}

	/**
	 * A commit failed.
	 * @param failure why
	 */
	void commitFailed(@Nullable Throwable failure) {
		if (!(failure instanceof RebalanceInProgressException)) {
			return;
		}
		if (!this.refused) {
			this.refused = true;
			this.refusedSince = this.nanoTime.getAsLong();
		}
		holdIfDue();
	}

	/**
	 * A commit went through: the group is stable again.
	 */
	void committed() {
		this.refused = false;
	}

	/**
	 * Called before every poll, so a grace that ends between two commits still holds.
	 */
	void beforePoll() {
		if (this.refused) {
			holdIfDue();
		}
	}

	/**
	 * Someone else paused or resumed these partitions; from now on they decide.
	 * @param partitions the partitions
	 */
	void takenOver(Collection<TopicPartition> partitions) {
		this.held.removeAll(partitions);
	}

	/**
	 * Before a stopping consumer leaves its group: if its last commits were refused
	 * because a rebalance is in progress, poll with every partition paused until that
	 * rebalance assigns, so the commits on revocation go through. Gives up after
	 * {@code bound} (a rebalance among live members completes within one poll of each;
	 * one that waits for a crashed member would take its session timeout) and leaves as
	 * before.
	 * @param bound the longest wait
	 */
	void completeRebalanceBeforeLeaving(Duration bound) {
		if (!this.refused || this.leaving) {
			return;
		}
		this.leaving = true;
		long start = this.nanoTime.getAsLong();
		pauseAssigned();
		while (this.refused && this.nanoTime.getAsLong() - start < bound.toNanos()) {
			try {
				// Every partition is paused, so nothing is returned: the poll only drives
				// the rebalance.
				this.consumer.poll(POLL);
			}
			catch (WakeupException ex) {
				// The container's own wakeup for the stop; poll again.
			}
		}
		long waited = Duration.ofNanos(this.nanoTime.getAsLong() - start).toMillis();
		if (this.refused) {
			logger.warn("kafka-resilience: group '{}' was still rebalancing {} ms into this consumer's stop; leaving "
					+ "without the last commits, so their records will be consumed again", groupId(), waited);
		}
		else {
			logger.info("kafka-resilience: group '{}' finished its rebalance {} ms into this consumer's stop; its "
					+ "last commits go through as it leaves", groupId(), waited);
		}
	}

	private void holdIfDue() {
		long now = this.nanoTime.getAsLong();
		if (this.grace == null || !this.held.isEmpty() || now - this.refusedSince < this.grace.toNanos()) {
			return;
		}
		Set<TopicPartition> toPause = pauseAssigned();
		if (toPause.isEmpty()) {
			return;
		}
		this.heldSince = now;
		logger.info("kafka-resilience: group '{}' has refused this consumer's commits for {} ms while it rebalances; "
				+ "pausing {} partition(s) until the rebalance assigns them, so a crash now replays no more " + "({})",
				groupId(), Duration.ofNanos(now - this.refusedSince).toMillis(), toPause.size(), PROPERTY);
	}

	private Set<TopicPartition> pauseAssigned() {
		Set<TopicPartition> toPause = new HashSet<>(this.consumer.assignment());
		toPause.removeAll(this.consumer.paused());
		this.consumer.pause(toPause);
		this.held.addAll(toPause);
		return toPause;
	}

	/**
	 * The rebalance revoked or lost these partitions: they are no longer held.
	 * @param partitions the partitions
	 */
	void revoked(Collection<TopicPartition> partitions) {
		this.held.removeAll(partitions);
	}

	/**
	 * The rebalance assigned: resume what is held, or, on the way out, pause the new
	 * partitions too.
	 * @param partitions the newly assigned partitions
	 */
	void assigned(Collection<TopicPartition> partitions) {
		if (this.leaving) {
			// Nothing more is consumed on the way out.
			this.refused = false;
			this.consumer.pause(partitions);
			return;
		}
		release();
	}

	private void release() {
		this.refused = false;
		if (this.held.isEmpty()) {
			return;
		}
		Set<TopicPartition> toResume = new HashSet<>(this.held);
		toResume.retainAll(this.consumer.assignment());
		this.held.clear();
		this.consumer.resume(toResume);
		logger.info("kafka-resilience: group '{}' assigned again; resumed {} partition(s) held for {} ms", groupId(),
				toResume.size(), Duration.ofNanos(this.nanoTime.getAsLong() - this.heldSince).toMillis());
	}

	private String groupId() {
		try {
			return this.consumer.groupMetadata().groupId();
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

}

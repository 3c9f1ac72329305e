package io.github.kafkaresilience.membership;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses one consumer's partitions once the group has refused its commits for a while
 * because a rebalance is in progress, and resumes exactly those partitions when the
 * rebalance assigns again.
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

	private static final ConsumerRebalanceListener NO_OP_LISTENER = new ConsumerRebalanceListener() {

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		}

	};

	private final Consumer<?, ?> consumer;

	private final Duration grace;

	private final LongSupplier nanoTime;

	private final Set<TopicPartition> held = new HashSet<>();

	private boolean refused;

	private long refusedSince;

	private long heldSince;

	/**
	 * Create a hold for one consumer.
	 * @param consumer the real consumer, not the proxy around it
	 * @param grace how long commits may be refused before the partitions are paused
	 * @param nanoTime monotonic clock
	 */
	RefusedCommitHold(Consumer<?, ?> consumer, Duration grace, LongSupplier nanoTime) {
		this.consumer = consumer;
		this.grace = grace;
		this.nanoTime = nanoTime;
	}

	/**
	 * Make a call on the consumer, watching the calls that tell the hold something.
	 * @param method the consumer method called
	 * @param args its arguments
	 * @param call makes the call on the real consumer
	 * @return the call's result
	 * @throws Throwable what the call threw
	 */
	@Nullable Object invoke(Method method, Object @Nullable [] args, Call call) throws Throwable {
		switch (method.getName()) {
			case "poll" -> beforePoll();
			case "pause", "resume" -> takenOver(partitions(args));
			case "subscribe" -> {
				return subscribeWatched(method, args, call);
			}
			case "commitAsync" -> {
				return call.invoke(method, watchAsyncCommit(method, args));
			}
			case "commitSync" -> {
				try {
					Object result = call.invoke(method, args);
					committed();
					return result;
				}
				catch (RuntimeException ex) {
					commitFailed(ex);
					throw ex;
				}
			}
			default -> {
			}
		}
		return call.invoke(method, args);
	}

	private @Nullable Object subscribeWatched(Method method, Object @Nullable [] args, Call call) throws Throwable {
		if (args != null && args.length == 2 && args[1] instanceof ConsumerRebalanceListener listener) {
			return call.invoke(method, new Object[] { args[0], watch(listener) });
		}
		if (args != null && args.length == 1) {
			// subscribe(topics) or subscribe(pattern) uses a no-op listener: watch one.
			Method withListener = Consumer.class.getMethod("subscribe", method.getParameterTypes()[0],
					ConsumerRebalanceListener.class);
			return call.invoke(withListener, new Object[] { args[0], watch(NO_OP_LISTENER) });
		}
		return call.invoke(method, args);
	}

	private Object @Nullable [] watchAsyncCommit(Method method, Object @Nullable [] args) {
		Class<?>[] types = method.getParameterTypes();
		if (args == null || types.length == 0 || types[types.length - 1] != OffsetCommitCallback.class) {
			return args;
		}
		Object[] watched = args.clone();
		watched[watched.length - 1] = watch((OffsetCommitCallback) args[args.length - 1]);
		return watched;
	}

	@SuppressWarnings("unchecked")
	private static Collection<TopicPartition> partitions(Object @Nullable [] args) {
		return (args != null && args.length == 1 && args[0] instanceof Collection<?> partitions)
				? (Collection<TopicPartition>) partitions : List.of();
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
	 * The partitions currently held.
	 * @return a copy
	 */
	Set<TopicPartition> held() {
		return Set.copyOf(this.held);
	}

	/**
	 * Wrap the callback of an asynchronous commit so its refusal counts too.
	 * @param callback the caller's callback, may be {@code null}
	 * @return the wrapped callback
	 */
	OffsetCommitCallback watch(@Nullable OffsetCommitCallback callback) {
		return (offsets, failure) -> {
			if (failure == null) {
				committed();
			}
			else {
				commitFailed(failure);
			}
			if (callback != null) {
				callback.onComplete(offsets, failure);
			}
		};
	}

	/**
	 * Wrap the rebalance listener a subscription passes, so held partitions are resumed
	 * before the listener sees the new assignment (it may pause some of them again).
	 * @param listener the subscriber's listener
	 * @return the wrapped listener
	 */
	ConsumerRebalanceListener watch(ConsumerRebalanceListener listener) {
		return new ConsumerRebalanceListener() {

			@Override
			public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
				RefusedCommitHold.this.held.removeAll(partitions);
				listener.onPartitionsRevoked(partitions);
			}

			@Override
			public void onPartitionsLost(Collection<TopicPartition> partitions) {
				RefusedCommitHold.this.held.removeAll(partitions);
				listener.onPartitionsLost(partitions);
			}

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
				release();
				listener.onPartitionsAssigned(partitions);
			}

		};
	}

	private void holdIfDue() {
		long now = this.nanoTime.getAsLong();
		if (!this.held.isEmpty() || now - this.refusedSince < this.grace.toNanos()) {
			return;
		}
		Set<TopicPartition> toPause = new HashSet<>(this.consumer.assignment());
		toPause.removeAll(this.consumer.paused());
		if (toPause.isEmpty()) {
			return;
		}
		this.consumer.pause(toPause);
		this.held.addAll(toPause);
		this.heldSince = now;
		logger.info("kafka-resilience: group '{}' has refused this consumer's commits for {} ms while it rebalances; "
				+ "pausing {} partition(s) until the rebalance assigns them, so a crash now replays no more " + "({})",
				groupId(), Duration.ofNanos(now - this.refusedSince).toMillis(), toPause.size(), PROPERTY);
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

	/**
	 * A call on the real consumer.
	 */
	@FunctionalInterface
	interface Call {

		@Nullable Object invoke(Method method, Object @Nullable [] args) throws Throwable;

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

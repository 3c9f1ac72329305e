package io.github.kafkaresilience.membership;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;

/**
 * Routes the consumer calls that tell a {@link RefusedCommitHold} something: polls,
 * pauses and resumes by others, commits (their outcome), and subscriptions (whose
 * rebalance listener it wraps, so the hold sees every assignment before the listener
 * does).
 *
 * @author kafka-resilience
 */
final class RefusedCommitWatch {

	private static final ConsumerRebalanceListener NO_OP_LISTENER = new ConsumerRebalanceListener() {

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		}

	};

	private final Consumer<?, ?> consumer;

	private final RefusedCommitHold hold;

	RefusedCommitWatch(Consumer<?, ?> consumer, RefusedCommitHold hold) {
		this.consumer = consumer;
		this.hold = hold;
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
			case "poll" -> this.hold.beforePoll();
			case "pause", "resume" -> this.hold.takenOver(partitions(args));
			case "subscribe" -> {
				return subscribeWatched(method, args, call);
			}
			case "commitAsync" -> {
				return call.invoke(method, watchAsyncCommit(method, args));
			}
			case "commitSync" -> {
				try {
					return commitSync(method, args, call);
				}
				catch (WakeupException ex) {
					// Spring Kafka wakes the consumer to end its poll when the container
					// stops. A wakeup that lands in a commit instead makes it drop those
					// offsets (its retry list is cleared before the commit), and the next
					// owner would consume the records again. The wakeup is spent: commit
					// once more.
					return commitSync(method, args, call);
				}
			}
			default -> {
			}
		}
		return call.invoke(method, args);
	}

	private @Nullable Object commitSync(Method method, Object @Nullable [] args, Call call) throws Throwable {
		try {
			Object result = call.invoke(method, args);
			this.hold.committed();
			return result;
		}
		catch (RuntimeException ex) {
			this.hold.commitFailed(ex);
			throw ex;
		}
	}

	private @Nullable Object subscribeWatched(Method method, Object @Nullable [] args, Call call) throws Throwable {
		if (args != null && args.length == 2 && args[1] instanceof ConsumerRebalanceListener listener) {
			return call.invoke(method, new Object[] { args[0], watch(listener) });
		}
		// subscribe(topics) and subscribe(pattern) use a no-op listener: watch one.
		if (args != null && args.length == 1 && args[0] instanceof Pattern pattern) {
			this.consumer.subscribe(pattern, watch(NO_OP_LISTENER));
			return null;
		}
		if (args != null && args.length == 1 && args[0] instanceof Collection<?> topics) {
			this.consumer.subscribe(topics.stream().map(String::valueOf).toList(), watch(NO_OP_LISTENER));
			return null;
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
	 * Wrap the callback of an asynchronous commit so its refusal counts too.
	 * @param callback the caller's callback, may be {@code null}
	 * @return the wrapped callback
	 */
	OffsetCommitCallback watch(@Nullable OffsetCommitCallback callback) {
		return (offsets, failure) -> {
			if (failure == null) {
				this.hold.committed();
			}
			else {
				this.hold.commitFailed(failure);
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
				RefusedCommitWatch.this.hold.revoked(partitions);
				listener.onPartitionsRevoked(partitions);
			}

			@Override
			public void onPartitionsLost(Collection<TopicPartition> partitions) {
				RefusedCommitWatch.this.hold.revoked(partitions);
				listener.onPartitionsLost(partitions);
			}

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
				RefusedCommitWatch.this.hold.assigned(partitions);
				listener.onPartitionsAssigned(partitions);
			}

		};
	}

	/**
	 * A call on the real consumer.
	 */
	@FunctionalInterface
	interface Call {

		@Nullable Object invoke(Method method, Object @Nullable [] args) throws Throwable;

	}

}

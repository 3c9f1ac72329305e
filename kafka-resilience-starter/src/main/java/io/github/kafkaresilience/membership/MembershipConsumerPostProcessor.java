package io.github.kafkaresilience.membership;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.core.ConsumerPostProcessor;
import org.springframework.kafka.event.ConsumerStoppingEvent;

/**
 * Wraps every consumer the factory creates so that:
 * <ul>
 * <li>a static member leaves the group when its container stops gracefully (Kafka's
 * {@code CloseOptions.GroupMembershipOperation.LEAVE_GROUP}, KIP-1092). Spring Kafka
 * stops a container with {@code unsubscribe()} and a plain {@code close()}, and neither
 * sends a LeaveGroup for a static member, so its partitions would be parked until it came
 * back or {@code session.timeout.ms} expired;</li>
 * <li>a fenced or unreleased {@code group.instance.id} is logged with the fix and
 * recorded, so health can report it instead of the application crash-looping
 * silently;</li>
 * <li>a member stopped while its group rebalances finishes the rebalance before it
 * leaves, so its last commits are not refused; and, when
 * {@code kafka.resilience.rebalance.max-uncommitted-time} is set, a member whose commits
 * a rebalance keeps refusing pauses until the rebalance ends
 * ({@link RefusedCommitHold});</li>
 * <li>a consumer refused because a member that never left still holds its
 * {@code group.instance.id} is brought back ({@link HeldInstanceIdRecovery}).</li>
 * </ul>
 * The wrapper is a JDK proxy over the real {@link Consumer}: every other call goes
 * straight through.
 *
 * @author kafka-resilience
 */
public final class MembershipConsumerPostProcessor
		implements ConsumerPostProcessor<Object, Object>, ApplicationListener<ConsumerStoppingEvent> {

	private static final Logger logger = LoggerFactory.getLogger(MembershipConsumerPostProcessor.class);

	// A rebalance among live members completes within one poll of each.
	private static final Duration REBALANCE_BEFORE_LEAVING = Duration.ofSeconds(5);

	private final boolean leaveGroupOnStop;

	private final InstanceIdIncidents incidents;

	private final @Nullable Duration maxUncommittedTime;

	private final @Nullable HeldInstanceIdRecovery recovery;

	private final ClusterConnection connection;

	/**
	 * Create a post-processor that never holds a rebalancing member.
	 * @param leaveGroupOnStop whether static members leave the group on a graceful stop
	 * @param incidents where fenced ids are recorded
	 * @param clock clock for incident times
	 */
	public MembershipConsumerPostProcessor(boolean leaveGroupOnStop, ConsumerIncidents incidents, Clock clock) {
		this(leaveGroupOnStop, incidents, clock, null);
	}

	/**
	 * Create a post-processor.
	 * @param leaveGroupOnStop whether static members leave the group on a graceful stop
	 * @param incidents where fenced ids are recorded
	 * @param clock clock for incident times
	 * @param maxUncommittedTime how long a member keeps consuming while a rebalance
	 * refuses its commits, or {@code null} to keep consuming through the whole rebalance
	 */
	public MembershipConsumerPostProcessor(boolean leaveGroupOnStop, ConsumerIncidents incidents, Clock clock,
			@Nullable Duration maxUncommittedTime) {
		this(leaveGroupOnStop, incidents, clock, maxUncommittedTime, null, ClusterConnection.DEFAULT);
	}

	/**
	 * Create a post-processor.
	 * @param leaveGroupOnStop whether static members leave the group on a graceful stop
	 * @param incidents where fenced ids are recorded
	 * @param clock clock for incident times
	 * @param maxUncommittedTime how long a member keeps consuming while a rebalance
	 * refuses its commits, or {@code null} to keep consuming through the whole rebalance
	 * @param recovery what brings back a consumer refused for a held
	 * {@code group.instance.id}, or {@code null} to leave it refused
	 */
	public MembershipConsumerPostProcessor(boolean leaveGroupOnStop, ConsumerIncidents incidents, Clock clock,
			@Nullable Duration maxUncommittedTime, @Nullable HeldInstanceIdRecovery recovery) {
		this(leaveGroupOnStop, incidents, clock, maxUncommittedTime, recovery, ClusterConnection.DEFAULT);
	}

	private MembershipConsumerPostProcessor(boolean leaveGroupOnStop, ConsumerIncidents incidents, Clock clock,
			@Nullable Duration maxUncommittedTime, @Nullable HeldInstanceIdRecovery recovery,
			ClusterConnection connection) {
		this(leaveGroupOnStop, new InstanceIdIncidents(incidents, clock), maxUncommittedTime, recovery, connection);
	}

	private MembershipConsumerPostProcessor(boolean leaveGroupOnStop, InstanceIdIncidents incidents,
			@Nullable Duration maxUncommittedTime, @Nullable HeldInstanceIdRecovery recovery,
			ClusterConnection connection) {
		this.leaveGroupOnStop = leaveGroupOnStop;
		this.incidents = incidents;
		this.maxUncommittedTime = maxUncommittedTime;
		this.recovery = recovery;
		this.connection = connection;
	}

	/**
	 * The same post-processor for the consumers of one factory, so that a held
	 * {@code group.instance.id} is reclaimed on their cluster.
	 * @param connection the factory's connection settings
	 * @return a post-processor for that factory
	 */
	public MembershipConsumerPostProcessor forConnection(ClusterConnection connection) {
		return new MembershipConsumerPostProcessor(this.leaveGroupOnStop, this.incidents, this.maxUncommittedTime,
				this.recovery, connection);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Consumer<Object, Object> apply(Consumer<Object, Object> consumer) {
		return (Consumer<Object, Object>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, new Handler(consumer));
	}

	@Override
	public void onApplicationEvent(ConsumerStoppingEvent event) {
		// Published on the consumer thread just before Spring Kafka commits, unsubscribes
		// and closes.
		Consumer<?, ?> consumer = event.getConsumer();
		if (Proxy.isProxyClass(consumer.getClass())
				&& Proxy.getInvocationHandler(consumer) instanceof Handler handler) {
			handler.stopping = true;
		}
	}

	private final class Handler implements InvocationHandler {

		private final Consumer<Object, Object> delegate;

		private final RefusedCommitHold hold;

		private final RefusedCommitWatch calls;

		private volatile boolean stopping;

		private boolean closed;

		private boolean joined;

		Handler(Consumer<Object, Object> delegate) {
			this.delegate = delegate;
			this.hold = new RefusedCommitHold(delegate, MembershipConsumerPostProcessor.this.maxUncommittedTime,
					System::nanoTime);
			this.calls = new RefusedCommitWatch(delegate, this.hold);
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
			String name = method.getName();
			if (method.getDeclaringClass() == Object.class) {
				return switch (name) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "Membership-aware " + this.delegate;
				};
			}
			if (this.stopping && ("unsubscribe".equals(name) || "close".equals(name))) {
				this.hold.completeRebalanceBeforeLeaving(REBALANCE_BEFORE_LEAVING);
			}
			if (this.stopping && leavesOnStop()) {
				if ("unsubscribe".equals(name) && (args == null || args.length == 0)) {
					// Unsubscribing would drop the member id without a LeaveGroup;
					// close() leaves instead,
					// running the same revocation callbacks on the way.
					return null;
				}
				if ("close".equals(name)) {
					return closeLeavingGroup(args);
				}
			}
			return this.calls.invoke(method, args, this::invokeDelegate);
		}

		private @Nullable Object invokeDelegate(Method method, Object @Nullable [] args) throws Throwable {
			Object result;
			try {
				result = method.invoke(this.delegate, args);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof UnreleasedInstanceIdException && "poll".equals(method.getName())) {
					return recoverFromRefusal(cause);
				}
				MembershipConsumerPostProcessor.this.incidents.report(this.delegate, cause, false);
				throw cause;
			}
			if (!this.joined && "poll".equals(method.getName())) {
				this.joined = InstanceIdIncidents.generation(this.delegate) > 0;
			}
			return result;
		}

		private Object recoverFromRefusal(Throwable refusal) throws Throwable {
			HeldInstanceIdRecovery recovery = MembershipConsumerPostProcessor.this.recovery;
			String instanceId = InstanceIdIncidents.instanceId(this.delegate);
			HeldInstanceIdRecovery.Outcome outcome = (recovery != null && instanceId != null)
					? recovery.refused(MembershipConsumerPostProcessor.this.connection,
							InstanceIdIncidents.groupId(this.delegate), instanceId, this.joined)
					: HeldInstanceIdRecovery.Outcome.NOT_RESTARTABLE;
			if (outcome != HeldInstanceIdRecovery.Outcome.RECLAIMED) {
				MembershipConsumerPostProcessor.this.incidents.report(this.delegate, refusal,
						outcome == HeldInstanceIdRecovery.Outcome.RETRYING);
			}
			if (outcome == HeldInstanceIdRecovery.Outcome.NOT_RESTARTABLE) {
				throw refusal;
			}
			// The container is stopping; it restarts with a new consumer.
			return ConsumerRecords.empty();
		}

		private boolean leavesOnStop() {
			if (!MembershipConsumerPostProcessor.this.leaveGroupOnStop || this.closed) {
				return false;
			}
			try {
				return this.delegate.groupMetadata().groupInstanceId().isPresent();
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

		private @Nullable Object closeLeavingGroup(Object @Nullable [] args) {
			this.closed = true;
			CloseOptions options = CloseOptions
				.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
			if (args != null && args.length == 1 && args[0] instanceof Duration timeout) {
				options.withTimeout(timeout);
			}
			else if (args != null && args.length == 1 && args[0] instanceof CloseOptions requested) {
				requested.timeout().ifPresent(options::withTimeout);
			}
			logger.info("kafka-resilience: static member {} leaving its group on a graceful stop",
					InstanceIdIncidents.instanceId(this.delegate));
			this.delegate.close(options);
			return null;
		}

	}

}

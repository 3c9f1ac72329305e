package io.github.kafkaresilience.membership;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.FencedInstanceIdException;
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
 * ({@link RefusedCommitHold}).</li>
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

	private final ConsumerIncidents incidents;

	private final Clock clock;

	private final @Nullable Duration maxUncommittedTime;

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
		this.leaveGroupOnStop = leaveGroupOnStop;
		this.incidents = incidents;
		this.clock = clock;
		this.maxUncommittedTime = maxUncommittedTime;
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
			try {
				return method.invoke(this.delegate, args);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getCause();
				recordIfFenced(cause);
				throw cause;
			}
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
			logger.info("kafka-resilience: static member {} leaving its group on a graceful stop", instanceId());
			this.delegate.close(options);
			return null;
		}

		private void recordIfFenced(Throwable cause) {
			ConsumerIncident.Kind kind;
			String fix;
			if (cause instanceof FencedInstanceIdException) {
				kind = ConsumerIncident.Kind.FENCED_INSTANCE_ID;
				fix = "another consumer joined with the same group.instance.id and took this one's place. Give every "
						+ "consumer a unique id: check that no two pods share a name and that "
						+ "group.instance.id is not set in the shared consumer configuration.";
			}
			else if (cause instanceof UnreleasedInstanceIdException) {
				kind = ConsumerIncident.Kind.UNRELEASED_INSTANCE_ID;
				fix = "the broker still holds a member with this group.instance.id, so this consumer was refused. "
						+ "Give every consumer a unique id, or wait for the previous member's session to expire.";
			}
			else {
				return;
			}
			String groupId = "unknown";
			try {
				groupId = this.delegate.groupMetadata().groupId();
			}
			catch (RuntimeException ex) {
				// keep "unknown"
			}
			String instanceId = instanceId();
			String message = "group.instance.id '" + instanceId + "' in group '" + groupId + "': " + fix;
			logger.error("kafka-resilience: {}", message);
			MembershipConsumerPostProcessor.this.incidents
				.record(new ConsumerIncident(MembershipConsumerPostProcessor.this.clock.instant(), kind, groupId,
						clientId(), instanceId, message));
		}

		private @Nullable String instanceId() {
			try {
				ConsumerGroupMetadata metadata = this.delegate.groupMetadata();
				Optional<String> id = metadata.groupInstanceId();
				return id.orElse(null);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		private String clientId() {
			try {
				for (MetricName metric : this.delegate.metrics().keySet()) {
					String clientId = metric.tags().get("client-id");
					if (clientId != null) {
						return clientId;
					}
				}
			}
			catch (RuntimeException ex) {
				// closed or failing consumer
			}
			return "unknown";
		}

	}

}

package io.github.kafkaresilience.membership;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.signals.AdminClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Brings back a consumer whose {@code group.instance.id} the broker refused because a
 * previous member still holds it ({@code UnreleasedInstanceIdException}, consumer
 * protocol). That is what a pod killed with {@code kill -9} or by the OOM killer and
 * restarted under the same name meets: its previous incarnation never left, and the
 * broker keeps it until {@code group.consumer.session.timeout.ms} (45 s) expires. The
 * Kafka consumer treats the refusal as fatal and never joins again, while Spring Kafka's
 * container keeps polling it, so without this the listener consumes nothing until the pod
 * is restarted.
 * <p>
 * On a refusal of a consumer's first join, the held member is removed with Admin's
 * {@code removeMembersFromConsumerGroup} (the API KIP-345 added for static members known
 * to be gone) and the consumer's listener container is restarted at once, so it joins in
 * seconds. A member that was live is fenced by that, as the classic protocol fences the
 * older of two members with one id. When removal is off or fails, the listener container
 * is restarted every {@link #RETRY} until the broker releases the id.
 *
 * @author kafka-resilience
 */
public final class HeldInstanceIdRecovery implements SmartApplicationListener, AutoCloseable {

	/**
	 * How long a refused consumer waits before it tries again when the held member was
	 * not removed.
	 */
	public static final Duration RETRY = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(HeldInstanceIdRecovery.class);

	// Spring Kafka publishes ConsumerStartingEvent on the consumer thread just before its
	// first poll, which is where a refusal surfaces.
	private static final ThreadLocal<@Nullable Started> STARTING = new ThreadLocal<>();

	private final @Nullable Supplier<AdminClients> admins;

	private final Duration timeout;

	private final Set<MessageListenerContainer> restarting = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
		// Not a daemon: between the old consumer thread's end and the new one's start
		// this may be the only thread left, and a JVM without a web server would exit.
		Thread thread = new Thread(task, "kafka-resilience-restart");
		thread.setDaemon(false);
		return thread;
	});

	/**
	 * Create a recovery.
	 * @param admins the Admin clients that remove a held member, or {@code null} to only
	 * retry until the broker releases the id
	 * @param timeout the bound of one removal
	 */
	public HeldInstanceIdRecovery(@Nullable Supplier<AdminClients> admins, Duration timeout) {
		this.admins = admins;
		this.timeout = timeout;
		// Gone when idle, so that it never holds a JVM open.
		this.scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
		this.scheduler.allowCoreThreadTimeOut(true);
	}

	/**
	 * What became of a refused consumer.
	 */
	public enum Outcome {

		/**
		 * The held member was removed; the listener container restarts at once.
		 */
		RECLAIMED,

		/**
		 * The held member stays; the listener container restarts after {@link #RETRY}.
		 */
		RETRYING,

		/**
		 * The consumer does not run in a concurrent listener container (what Boot's
		 * container factory creates); nothing is done.
		 */
		NOT_RESTARTABLE

	}

	/**
	 * Handle a refusal on the consumer thread: remove the held member if allowed, and
	 * stop the consumer's listener container so that it restarts with new consumers.
	 * @param connection the consumer's cluster connection
	 * @param groupId the group
	 * @param instanceId the refused id
	 * @param joinedBefore whether this consumer had been a member (then it was displaced
	 * and removing the holder would displace it in turn)
	 * @return what was done
	 */
	Outcome refused(ClusterConnection connection, String groupId, String instanceId, boolean joinedBefore) {
		Started started = STARTING.get();
		if (started == null || started.child() == started.parent()) {
			return Outcome.NOT_RESTARTABLE;
		}
		boolean reclaimed = !joinedBefore && remove(connection, groupId, instanceId);
		if (reclaimed) {
			logger.warn("kafka-resilience: group.instance.id '{}' in group '{}' was still held by a previous member "
					+ "that did not leave (after a crash or a kill; or another process with the same id, now fenced); "
					+ "removed it, restarting this listener's consumers", instanceId, groupId);
		}
		// The whole listener container restarts: Spring Kafka's own stop and start, whose
		// new child containers get new consumers. The consumers of a killed pod are all
		// refused together, so one restart serves them all.
		MessageListenerContainer listener = started.parent();
		if (this.restarting.add(listener)) {
			Duration delay = reclaimed ? Duration.ZERO : RETRY;
			// Runs once every consumer thread of the listener has finished.
			listener
				.stop(() -> this.scheduler.schedule(() -> restart(listener), delay.toMillis(), TimeUnit.MILLISECONDS));
		}
		return reclaimed ? Outcome.RECLAIMED : Outcome.RETRYING;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ConsumerStartingEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ConsumerStartingEvent starting) {
			STARTING.set(new Started(starting.getSource(MessageListenerContainer.class),
					starting.getContainer(MessageListenerContainer.class)));
		}
		else if (event instanceof ContextClosedEvent) {
			this.closed = true;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.scheduler.shutdownNow();
	}

	private void restart(MessageListenerContainer listener) {
		this.restarting.remove(listener);
		if (this.closed || listener.isRunning()) {
			return;
		}
		try {
			listener.start();
		}
		catch (RuntimeException ex) {
			logger.warn("kafka-resilience: could not restart listener container '{}': {}", listener.getListenerId(),
					ex.toString());
		}
	}

	private boolean remove(ClusterConnection connection, String groupId, String instanceId) {
		if (this.admins == null) {
			return false;
		}
		AdminClients clients = this.admins.get();
		int ms = (int) this.timeout.toMillis();
		try (Admin admin = clients.create(clients.resolve(connection))) {
			admin
				.removeMembersFromConsumerGroup(groupId,
						new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(instanceId)))
							.timeoutMs(ms))
				.all()
				.get(ms, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			logger.warn(
					"kafka-resilience: could not remove the member holding group.instance.id '{}' in group '{}': "
							+ "{}; retrying every {} s until the broker releases it",
					instanceId, groupId, ex.getCause().getMessage(), RETRY.toSeconds());
		}
		catch (TimeoutException ex) {
			logger.warn("kafka-resilience: removing the member holding group.instance.id '{}' in group '{}' timed out "
					+ "after {} ms; retrying every {} s", instanceId, groupId, ms, RETRY.toSeconds());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	private record Started(MessageListenerContainer child, MessageListenerContainer parent) {
	}

}

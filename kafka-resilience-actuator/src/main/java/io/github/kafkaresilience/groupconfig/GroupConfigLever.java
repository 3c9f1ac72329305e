package io.github.kafkaresilience.groupconfig;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.groupconfig.GroupConfigChange.Result;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Sets the heartbeat interval and session timeout of this application's consumer-protocol
 * groups on the broker at startup, when the user asked for them: fitted into the range
 * the broker allows when it says what that is, never over a value someone else set for
 * the group, each outcome logged once and kept for the signals' findings. Runs on its own
 * daemon thread, so a broker that is down delays nothing; an unanswered request is tried
 * again a few times.
 *
 * @author kafka-resilience
 */
public final class GroupConfigLever implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GroupConfigLever.class);

	private static final int ATTEMPTS = 3;

	private final Supplier<Admin> adminFactory;

	private final ListenerSettingsRegistry listeners;

	private final Map<String, Duration> requested;

	private final GroupConfigChanges changes;

	private final long timeoutMs;

	private final Duration retryDelay;

	private volatile @Nullable Thread thread;

	/**
	 * Create a lever.
	 * @param adminFactory creates a short-lived Admin client
	 * @param listeners the listeners, whose consumer-protocol groups are set
	 * @param requested the value per group setting ({@link GroupConfigKeys})
	 * @param changes where outcomes are recorded
	 * @param requestTimeout each request's timeout
	 * @param retryDelay the wait before an unanswered request is tried again
	 */
	public GroupConfigLever(Supplier<Admin> adminFactory, ListenerSettingsRegistry listeners,
			Map<String, Duration> requested, GroupConfigChanges changes, Duration requestTimeout, Duration retryDelay) {
		this.adminFactory = adminFactory;
		this.listeners = listeners;
		this.requested = new LinkedHashMap<>(requested);
		this.changes = changes;
		this.timeoutMs = requestTimeout.toMillis();
		this.retryDelay = retryDelay;
	}

	@Override
	public void start() {
		Set<String> groups = consumerProtocolGroups();
		if (groups.isEmpty() || this.requested.isEmpty()) {
			return;
		}
		Thread worker = new Thread(() -> applyWithRetries(groups), "kafka-resilience-group-config");
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	@Override
	public void stop() {
		Thread worker = this.thread;
		this.thread = null;
		if (worker != null) {
			worker.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		// Before the listener containers: their first heartbeats may already get the new
		// interval.
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

	/**
	 * The groups of this application's listeners on {@code group.protocol=consumer}.
	 * @return the group ids, sorted
	 */
	Set<String> consumerProtocolGroups() {
		Set<String> groups = new TreeSet<>();
		for (ListenerSettings settings : this.listeners.all()) {
			if (settings.consumerProtocol() && settings.groupId() != null) {
				groups.add(settings.groupId());
			}
		}
		return groups;
	}

	private void applyWithRetries(Set<String> groups) {
		Set<String> pending = new TreeSet<>(groups);
		for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
			boolean last = attempt == ATTEMPTS;
			List<GroupConfigChange> outcomes;
			try {
				outcomes = apply(pending);
			}
			catch (RuntimeException ex) {
				logger.debug("kafka-resilience: setting group configs failed", ex);
				outcomes = List.of();
			}
			for (GroupConfigChange change : outcomes) {
				if (!change.retriable() || last) {
					report(change);
					pending.remove(change.groupId());
				}
			}
			if (!pending.isEmpty() && !last && !sleep()) {
				return;
			}
		}
	}

	/**
	 * Set every requested setting on the given groups now, once.
	 * @param groupIds the groups
	 * @return what happened, per group and setting
	 */
	public List<GroupConfigChange> apply(Collection<String> groupIds) {
		try (Admin admin = this.adminFactory.get()) {
			Map<String, GroupProtocolSettings> current = GroupSettingsReader.describe(admin, groupIds, this.timeoutMs);
			BrokerRange broker = BrokerRange.read(admin, this.timeoutMs);
			List<GroupConfigChange> outcomes = new ArrayList<>();
			for (Map.Entry<String, Duration> entry : this.requested.entrySet()) {
				outcomes.addAll(apply(admin, groupIds, current, broker, entry.getKey(), entry.getValue().toMillis()));
			}
			return outcomes;
		}
	}

	private List<GroupConfigChange> apply(Admin admin, Collection<String> groupIds,
			Map<String, GroupProtocolSettings> current, BrokerRange broker, String key, long requestedMs) {
		List<GroupConfigChange> outcomes = new ArrayList<>();
		BrokerRange.Bounds bounds = broker.bounds(key);
		long target = bounds.fit(requestedMs);
		String fitted = (target != requestedMs)
				? "fitted into the broker's range " + bounds + " from the " + requestedMs + " ms asked for" : null;
		Map<String, GroupSetting> toSet = new LinkedHashMap<>();
		for (String groupId : groupIds) {
			GroupProtocolSettings settings = current.get(groupId);
			if (settings == null) {
				outcomes.add(new GroupConfigChange(groupId, key, requestedMs, Result.FAILED, null, null,
						"the broker did not describe the group's configs in time"));
				continue;
			}
			if (settings.unsupported() != null) {
				outcomes.add(new GroupConfigChange(groupId, key, requestedMs, Result.UNSUPPORTED, null, null,
						settings.unsupported()));
				continue;
			}
			if (settings.refusal() != null) {
				BrokerRefusal refusal = settings.refusal();
				outcomes.add(new GroupConfigChange(groupId, key, requestedMs, Result.NOT_AUTHORIZED, null, null,
						refusal.error() + " on DescribeConfigs; needs " + refusal.aclCommand()));
				continue;
			}
			GroupSetting now = GroupConfigKeys.HEARTBEAT_INTERVAL.equals(key) ? settings.heartbeatInterval()
					: settings.sessionTimeout();
			if (now != null && now.valueMs() == target && target != requestedMs) {
				outcomes.add(new GroupConfigChange(groupId, key, requestedMs, Result.OUT_OF_RANGE, now.valueMs(), now,
						requestedMs + " ms is outside the range the broker allows, " + bounds));
			}
			else if (now != null && now.valueMs() == target) {
				outcomes.add(new GroupConfigChange(groupId, key, requestedMs, Result.UNCHANGED, target, now, null));
			}
			else if (now != null && now.source() == GroupSetting.Source.GROUP) {
				outcomes.add(new GroupConfigChange(groupId, key, requestedMs, Result.OPERATOR_SET, now.valueMs(), now,
						null));
			}
			else {
				toSet.put(groupId, now);
			}
		}
		if (toSet.isEmpty()) {
			return outcomes;
		}
		Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
		toSet.keySet()
			.forEach((groupId) -> ops.put(new ConfigResource(ConfigResource.Type.GROUP, groupId),
					List.of(new AlterConfigOp(new ConfigEntry(key, Long.toString(target)), AlterConfigOp.OpType.SET))));
		Map<ConfigResource, KafkaFuture<Void>> results = admin
			.incrementalAlterConfigs(ops, new AlterConfigsOptions().timeoutMs((int) this.timeoutMs))
			.values();
		toSet.forEach((groupId, before) -> {
			KafkaFuture<Void> result = results.get(new ConfigResource(ConfigResource.Type.GROUP, groupId));
			outcomes.add(altered(groupId, key, requestedMs, target, before, fitted, result));
		});
		return outcomes;
	}

	private GroupConfigChange altered(String groupId, String key, long requestedMs, long target,
			@Nullable GroupSetting before, @Nullable String fitted, KafkaFuture<Void> result) {
		try {
			result.get(this.timeoutMs + 500, TimeUnit.MILLISECONDS);
			return new GroupConfigChange(groupId, key, requestedMs, Result.APPLIED, target, before, fitted);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			// AuthorizationException extends InvalidConfigurationException (Kafka 4.2):
			// it
			// has to be told apart first.
			Result outcome = (cause instanceof AuthorizationException) ? Result.NOT_AUTHORIZED
					: (cause instanceof InvalidConfigurationException) ? Result.OUT_OF_RANGE
							: (cause instanceof UnsupportedVersionException || cause instanceof InvalidRequestException)
									? Result.UNSUPPORTED : Result.FAILED;
			String detail = (outcome == Result.NOT_AUTHORIZED) ? cause.getClass().getSimpleName()
					+ " on IncrementalAlterConfigs; needs "
					+ new BrokerRefusal(AclOperation.ALTER_CONFIGS, ResourceType.GROUP, groupId, "").aclCommand()
					: cause.getClass().getSimpleName() + ": " + cause.getMessage();
			return new GroupConfigChange(groupId, key, requestedMs, outcome, (before != null) ? before.valueMs() : null,
					before, detail);
		}
		catch (TimeoutException ex) {
			return new GroupConfigChange(groupId, key, requestedMs, Result.FAILED, null, before,
					"no answer within " + this.timeoutMs + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new GroupConfigChange(groupId, key, requestedMs, Result.FAILED, null, before, "interrupted");
		}
	}

	private void report(GroupConfigChange change) {
		this.changes.record(change);
		Finding finding = change.finding();
		if (finding.severity() == Finding.Severity.INFO) {
			logger.info("kafka-resilience: {} [{}]", finding.message(), finding.code());
		}
		else {
			logger.warn("kafka-resilience: {} [{}]", finding.message(), finding.code());
		}
	}

	private boolean sleep() {
		try {
			Thread.sleep(this.retryDelay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

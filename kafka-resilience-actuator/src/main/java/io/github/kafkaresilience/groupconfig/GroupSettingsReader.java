package io.github.kafkaresilience.groupconfig;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the heartbeat interval and session timeout of consumer-protocol groups from their
 * {@code GROUP} config resources, one {@code DescribeConfigs} request for all groups.
 * Group settings change rarely, so a read is kept for a while; each change of what a
 * group's settings are is logged once.
 *
 * @author kafka-resilience
 */
public final class GroupSettingsReader {

	private static final Logger logger = LoggerFactory.getLogger(GroupSettingsReader.class);

	private final Duration maxAge;

	private final Map<String, Read> reads = new HashMap<>();

	private final Map<String, GroupProtocolSettings> logged = new HashMap<>();

	/**
	 * Create a reader.
	 * @param maxAge how long a read is used before the broker is asked again
	 */
	public GroupSettingsReader(Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * The settings of each group, read again when older than the maximum age. A group the
	 * broker did not answer for keeps its last read; one it never answered for is left
	 * out.
	 * @param admin the client
	 * @param groupIds the consumer-protocol groups
	 * @param now the time
	 * @param timeoutMs the request timeout
	 * @return the settings per group
	 */
	public synchronized Map<String, GroupProtocolSettings> read(Admin admin, Set<String> groupIds, Instant now,
			long timeoutMs) {
		this.reads.keySet().retainAll(groupIds);
		List<String> due = groupIds.stream()
			.filter((groupId) -> !this.reads.containsKey(groupId)
					|| !this.reads.get(groupId).at().plus(this.maxAge).isAfter(now))
			.toList();
		if (!due.isEmpty()) {
			describe(admin, due, timeoutMs).forEach((groupId, settings) -> {
				this.reads.put(groupId, new Read(settings, now));
				logChange(groupId, settings);
			});
		}
		Map<String, GroupProtocolSettings> settings = new HashMap<>();
		this.reads.forEach((groupId, read) -> settings.put(groupId, read.settings()));
		return settings;
	}

	/**
	 * Forget a group's last read, so that the next one asks the broker: after
	 * kafka-resilience changed the group's settings.
	 * @param groupId the group
	 */
	public synchronized void invalidate(String groupId) {
		this.reads.remove(groupId);
	}

	/**
	 * Describe the groups' settings once. A refusal is an answer; a timeout or any other
	 * failure leaves the group out.
	 * @param admin the client
	 * @param groupIds the groups
	 * @param timeoutMs the request timeout
	 * @return the settings per group that answered
	 */
	public static Map<String, GroupProtocolSettings> describe(Admin admin, Collection<String> groupIds,
			long timeoutMs) {
		Map<String, ConfigResource> resources = new LinkedHashMap<>();
		groupIds.forEach((groupId) -> resources.put(groupId, new ConfigResource(ConfigResource.Type.GROUP, groupId)));
		Map<ConfigResource, KafkaFuture<Config>> futures = admin
			.describeConfigs(resources.values(), new DescribeConfigsOptions().timeoutMs((int) timeoutMs))
			.values();
		Map<String, GroupProtocolSettings> settings = new LinkedHashMap<>();
		resources.forEach((groupId, resource) -> {
			GroupProtocolSettings read = describe(groupId, futures.get(resource), timeoutMs);
			if (read != null) {
				settings.put(groupId, read);
			}
		});
		return settings;
	}

	private static @Nullable GroupProtocolSettings describe(String groupId, @Nullable KafkaFuture<Config> future,
			long timeoutMs) {
		if (future == null) {
			return null;
		}
		try {
			Config config = future.get(timeoutMs + 500, TimeUnit.MILLISECONDS);
			return GroupProtocolSettings.read(setting(config, GroupConfigKeys.HEARTBEAT_INTERVAL),
					setting(config, GroupConfigKeys.SESSION_TIMEOUT));
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof AuthorizationException) {
				return GroupProtocolSettings.refused(new BrokerRefusal(AclOperation.DESCRIBE_CONFIGS,
						ResourceType.GROUP, groupId, cause.getClass().getSimpleName()));
			}
			if (cause instanceof UnsupportedVersionException || cause instanceof InvalidRequestException) {
				// Brokers before Kafka 4.0 have no GROUP config resource.
				return GroupProtocolSettings.unsupported(cause.getClass().getSimpleName());
			}
			logger.debug("kafka-resilience: reading the settings of group '{}' failed", groupId, cause);
			return null;
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static @Nullable GroupSetting setting(Config config, String key) {
		ConfigEntry entry = config.get(key);
		if (entry == null || entry.value() == null) {
			return null;
		}
		try {
			return new GroupSetting(Long.parseLong(entry.value()),
					(entry.source() == ConfigEntry.ConfigSource.DYNAMIC_GROUP_CONFIG) ? GroupSetting.Source.GROUP
							: GroupSetting.Source.BROKER_DEFAULT);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private void logChange(String groupId, GroupProtocolSettings settings) {
		if (settings.equals(this.logged.put(groupId, settings))) {
			return;
		}
		if (settings.refusal() != null) {
			logger.warn(
					"kafka-resilience: group '{}' (group.protocol=consumer): the broker refused to describe its "
							+ "settings ({}); signals assume the broker defaults. Allow it with: {}",
					groupId, settings.refusal().error(), settings.refusal().aclCommand());
			return;
		}
		logger.info("kafka-resilience: group '{}' (group.protocol=consumer) on the broker\n  {} = {}\n  {} = {}",
				groupId, pad(GroupConfigKeys.HEARTBEAT_INTERVAL), describe(settings.heartbeatInterval()),
				pad(GroupConfigKeys.SESSION_TIMEOUT), describe(settings.sessionTimeout()));
	}

	private static String pad(String key) {
		return String.format("%-30s", key);
	}

	private static String describe(@Nullable GroupSetting setting) {
		return (setting != null) ? setting.valueMs() + "  [" + setting.source().label() + "]" : "(unknown)";
	}

	private record Read(GroupProtocolSettings settings, Instant at) {

	}

}

package io.github.kafkaresilience.defaults;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.ListenerSettings;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.evidence.ProgressInterceptors;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import io.github.kafkaresilience.membership.HostIdentity;
import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import io.github.kafkaresilience.membership.StaticMembershipDecision;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.rebalance.RecordingRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Applies kafka-resilience to one listener container as it is created: fills in consumer
 * defaults and the static instance id where the user set nothing, bounds the graceful
 * stop, records rebalances, and logs the startup report.
 *
 * @author kafka-resilience
 */
public final class ResilientContainerCustomizer {

	private static final Logger logger = LoggerFactory.getLogger(ResilientContainerCustomizer.class);

	/**
	 * The startup report's name for Spring Kafka's container property.
	 */
	public static final String FIX_TX_OFFSETS = "fixTxOffsets";

	/**
	 * The startup report's name for Spring Kafka's container poll timeout.
	 */
	public static final String POLL_TIMEOUT = "pollTimeout.ms";

	private static final String READ_COMMITTED = "read_committed";

	private final Function<String, ListenerOptions> options;

	private final HostIdentity identity;

	private final Settings settings;

	private final RebalanceHistory history;

	private final ListenerSettingsRegistry registry;

	private final ProgressRegistry progress;

	private final Clock clock;

	private final Map<String, String> instanceIdOwners = new ConcurrentHashMap<>();

	private final Set<String> seenListenerIds = ConcurrentHashMap.newKeySet();

	/**
	 * Create a customizer.
	 * @param options kafka-resilience options per listener id
	 * @param identity this instance's identity, for static membership
	 * @param settings container-wide settings
	 * @param history where rebalance events go
	 * @param registry where effective settings go
	 * @param progress where the listeners' record progress goes
	 * @param clock clock for rebalance events
	 */
	public ResilientContainerCustomizer(Function<String, ListenerOptions> options, HostIdentity identity,
			Settings settings, RebalanceHistory history, ListenerSettingsRegistry registry, ProgressRegistry progress,
			Clock clock) {
		this.options = options;
		this.identity = identity;
		this.settings = settings;
		this.history = history;
		this.registry = registry;
		this.progress = progress;
		this.clock = clock;
	}

	/**
	 * Apply kafka-resilience to a container that has not started yet.
	 * @param container the container
	 * @param consumerFactory the factory the container creates its consumers with
	 */
	public void customize(AbstractMessageListenerContainer<?, ?> container, ConsumerFactory<?, ?> consumerFactory) {
		String listenerId = listenerId(container);
		this.seenListenerIds.add(listenerId);
		ListenerOptions listenerOptions = this.options.apply(listenerId);
		if (!listenerOptions.enabled()) {
			logger.info("kafka-resilience: listener '{}' left untouched (kafka.resilience.listeners.{}.enabled=false)",
					listenerId, listenerId);
			return;
		}
		ContainerProperties containerProperties = container.getContainerProperties();
		Map<String, Object> factoryConfigs = consumerFactory.getConfigurationProperties();
		String groupId = containerProperties.getGroupId();
		if (groupId == null && factoryConfigs.get(ConsumerConfig.GROUP_ID_CONFIG) instanceof String configured) {
			groupId = configured;
		}
		int concurrency = (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent)
				? concurrent.getConcurrency() : 1;

		boolean hooked = hooked(consumerFactory);
		StaticMembershipDecision membership = StaticMembershipDecision.decide(listenerOptions.staticMembership(),
				this.identity, listenerId, hooked && this.settings.leaveGroup());
		Properties overrides = containerProperties.getKafkaConsumerProperties();
		ConsumerSettingsResolver.Resolution resolution = ConsumerSettingsResolver
			.resolve(new ConsumerSettingsResolver.Request(listenerId, groupId, concurrency, factoryConfigs, overrides,
					listenerOptions.defaults(), membership, this.settings.expectedRestartTime(),
					this.settings.shutdownTimeout(), this.settings.shutdownPhaseTimeout(), this.settings.leaveGroup(),
					hooked, this.settings.rack()));

		Properties merged = new Properties();
		for (String name : overrides.stringPropertyNames()) {
			merged.setProperty(name, overrides.getProperty(name));
		}
		overrides.forEach(merged::put);
		resolution.additions().forEach(merged::setProperty);
		containerProperties.setKafkaConsumerProperties(merged);

		ConsumerRebalanceListener existing = containerProperties.getConsumerRebalanceListener();
		if (!(existing instanceof RecordingRebalanceListener)) {
			containerProperties.setConsumerRebalanceListener(new RecordingRebalanceListener(this.history, existing,
					this.clock, resolution.settings().consumerProtocol()));
		}

		ProgressInterceptors.install(container, this.progress.listener(listenerId));
		ListenerSettings listenerSettings = pollTimeout(containerProperties, fixTxOffsets(containerProperties,
				listenerOptions.defaults().fixTxOffsets(), checkInstanceIdCollision(resolution.settings())));
		this.registry.register(listenerSettings);
		// A listener may consume from another cluster than the application's default
		// (its own bootstrap.servers, a second consumer factory): its groups are read
		// there.
		Map<String, Object> effective = new HashMap<>(factoryConfigs);
		merged.forEach((key, value) -> effective.put(String.valueOf(key), value));
		this.registry.registerConnection(listenerId, ClusterConnection.of(effective));
		StartupReport.log(listenerSettings, container instanceof ConcurrentMessageListenerContainer);
	}

	/**
	 * Every listener id this customizer has seen, including those left untouched.
	 * @return the ids
	 */
	public Set<String> seenListenerIds() {
		return Set.copyOf(this.seenListenerIds);
	}

	private static boolean hooked(ConsumerFactory<?, ?> consumerFactory) {
		return consumerFactory.getPostProcessors().stream().anyMatch(MembershipConsumerPostProcessor.class::isInstance);
	}

	/**
	 * A read_committed consumer never commits past the last transaction's commit marker
	 * on its own, so a caught-up group would show lag forever; Spring Kafka's
	 * fixTxOffsets commits the consumer's position when it is idle.
	 */
	private static ListenerSettings fixTxOffsets(ContainerProperties properties, boolean enabled,
			ListenerSettings settings) {
		boolean readCommitted = settings.value(ConsumerConfig.ISOLATION_LEVEL_CONFIG)
			.map(READ_COMMITTED::equals)
			.orElse(false);
		if (!readCommitted) {
			return settings;
		}
		SettingSource source = SettingSource.USER;
		if (!properties.isFixTxOffsets() && enabled) {
			properties.setFixTxOffsets(true);
			source = SettingSource.KAFKA_RESILIENCE;
		}
		List<EffectiveSetting> effective = new ArrayList<>(settings.settings());
		effective.add(new EffectiveSetting(FIX_TX_OFFSETS, Boolean.toString(properties.isFixTxOffsets()), source));
		return new ListenerSettings(settings.listenerId(), settings.groupId(), settings.protocol(),
				settings.concurrency(), effective, settings.findings());
	}

	/**
	 * Under {@code group.protocol=consumer} a consumer runs its rebalance callbacks, and
	 * so takes or gives up partitions, only inside {@code poll}; with nothing to fetch (a
	 * member that just joined, or one whose partitions are moving) a poll waits for
	 * Spring Kafka's 5 s poll timeout first. Measured, a shorter timeout halves the stall
	 * of a rolling restart (docs/rebalancing.md).
	 */
	private ListenerSettings pollTimeout(ContainerProperties properties, ListenerSettings settings) {
		Duration wanted = this.settings.consumerProtocolPollTimeout();
		if (!settings.consumerProtocol()) {
			return settings;
		}
		SettingSource source = SettingSource.USER;
		if (properties.getPollTimeout() == ContainerProperties.DEFAULT_POLL_TIMEOUT) {
			source = this.settings.pollTimeoutSetByUser() ? SettingSource.USER : SettingSource.KAFKA_DEFAULT;
			if (wanted != null && !this.settings.pollTimeoutSetByUser()) {
				properties.setPollTimeout(wanted.toMillis());
				source = SettingSource.KAFKA_RESILIENCE;
			}
		}
		List<EffectiveSetting> effective = new ArrayList<>(settings.settings());
		effective.add(new EffectiveSetting(POLL_TIMEOUT, Long.toString(properties.getPollTimeout()), source));
		return new ListenerSettings(settings.listenerId(), settings.groupId(), settings.protocol(),
				settings.concurrency(), effective, settings.findings());
	}

	private ListenerSettings checkInstanceIdCollision(ListenerSettings settings) {
		String instanceId = settings.value(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
			.filter((id) -> settings.setting(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
				.map(EffectiveSetting::source)
				.orElse(null) != SettingSource.KAFKA_DEFAULT)
			.orElse(null);
		if (instanceId == null || settings.groupId() == null) {
			return settings;
		}
		String key = settings.groupId() + '\u0000' + instanceId;
		String owner = this.instanceIdOwners.putIfAbsent(key, settings.listenerId());
		if (owner == null || owner.equals(settings.listenerId())) {
			return settings;
		}
		List<Finding> findings = new ArrayList<>(settings.findings());
		findings.add(new Finding(Severity.WARN, "duplicate-instance-id",
				"Listeners '" + owner + "' and '" + settings.listenerId() + "' both join group '" + settings.groupId()
						+ "' as group.instance.id '" + instanceId
						+ "': the broker will fence one of them. Remove group.instance.id from the shared "
						+ "consumer configuration and let kafka-resilience derive one per listener."));
		return new ListenerSettings(settings.listenerId(), settings.groupId(), settings.protocol(),
				settings.concurrency(), settings.settings(), findings);
	}

	private static String listenerId(AbstractMessageListenerContainer<?, ?> container) {
		@Nullable String id = container.getListenerId();
		return (id != null) ? id : container.getBeanName();
	}

	/**
	 * Settings that apply to every container.
	 *
	 * @param expectedRestartTime how long a restart usually takes
	 * @param shutdownTimeout how long a graceful stop of all containers may take
	 * @param shutdownPhaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}
	 * @param leaveGroup whether static members leave the group on a graceful stop
	 * @param consumerProtocolPollTimeout the poll timeout of containers on
	 * {@code group.protocol=consumer} whose poll timeout nobody chose, or {@code null} to
	 * leave it
	 * @param pollTimeoutSetByUser whether {@code spring.kafka.listener.poll-timeout} is
	 * set
	 * @param rack this instance's rack for consumers without a {@code client.rack}, or
	 * {@code null}
	 */
	public record Settings(Duration expectedRestartTime, Duration shutdownTimeout, Duration shutdownPhaseTimeout,
			boolean leaveGroup, @Nullable Duration consumerProtocolPollTimeout, boolean pollTimeoutSetByUser,
			@Nullable ClientRack rack) {

	}

}

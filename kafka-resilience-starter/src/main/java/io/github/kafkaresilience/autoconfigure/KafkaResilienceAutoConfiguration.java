package io.github.kafkaresilience.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.defaults.ClientRack;
import io.github.kafkaresilience.defaults.ResilientContainerCustomizer;
import io.github.kafkaresilience.membership.HeldInstanceIdRecovery;
import io.github.kafkaresilience.membership.HostIdentity;
import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import io.github.kafkaresilience.evidence.ProgressRegistry;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.shutdown.GracefulContainerStop;
import io.github.kafkaresilience.signals.AdminClients;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that gives Spring Boot's Kafka consumers safe defaults, static
 * membership, a graceful stop and rebalance recording.
 *
 * @author kafka-resilience
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, LifecycleAutoConfiguration.class })
@ConditionalOnClass({ EnableKafka.class, KafkaAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "kafka.resilience.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ KafkaResilienceProperties.class, StaticMembershipProperties.class,
		ShutdownProperties.class, RebalanceProperties.class, ConsumerProtocolProperties.class, RackProperties.class })
@ImportRuntimeHints(KafkaResilienceRuntimeHints.class)
public final class KafkaResilienceAutoConfiguration {

	private static final int INCIDENT_CAPACITY = 100;

	private static final Duration RECLAIM_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	RebalanceHistory kafkaResilienceRebalanceHistory(RebalanceProperties rebalance) {
		return new RebalanceHistory(rebalance.getHistorySize());
	}

	@Bean
	@ConditionalOnMissingBean
	ProgressRegistry kafkaResilienceProgressRegistry() {
		return new ProgressRegistry(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerSettingsRegistry kafkaResilienceListenerSettings() {
		return new ListenerSettingsRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ConsumerIncidents kafkaResilienceConsumerIncidents() {
		return new ConsumerIncidents(INCIDENT_CAPACITY);
	}

	@Bean
	@ConditionalOnMissingBean
	HostIdentity kafkaResilienceHostIdentity(StaticMembershipProperties staticMembership, Environment environment) {
		return HostIdentity.resolve(staticMembership.getInstanceId(), environment::getProperty,
				KafkaResilienceAutoConfiguration::machineHostname);
	}

	@Bean
	@ConditionalOnMissingBean
	ResilientContainerCustomizer kafkaResilienceContainerCustomizer(KafkaResilienceProperties resilience,
			StaticMembershipProperties staticMembership, ShutdownProperties shutdown,
			ConsumerProtocolProperties consumerProtocol, RackProperties rack,
			ObjectProvider<LifecycleProperties> lifecycle, Environment environment, HostIdentity identity,
			RebalanceHistory history, ListenerSettingsRegistry registry, ProgressRegistry progress) {
		ResilientContainerCustomizer.Settings settings = new ResilientContainerCustomizer.Settings(
				staticMembership.getExpectedRestartTime(), shutdown.getTimeout(),
				lifecycle.getIfAvailable(LifecycleProperties::new).getTimeoutPerShutdownPhase(),
				shutdown.isLeaveGroup(), consumerProtocol.getPollTimeout(),
				environment.containsProperty("spring.kafka.listener.poll-timeout"),
				ClientRack.resolve(rack.getId(), rack.getEnvironmentVariable(), environment::getProperty));
		return new ResilientContainerCustomizer(new ListenerOptionsSource(resilience, staticMembership, identity),
				identity, settings, history, registry, progress, Clock.systemUTC());
	}

	@Bean
	static ContainerFactoryCustomizerPostProcessor kafkaResilienceContainerFactoryPostProcessor(
			ObjectProvider<ResilientContainerCustomizer> customizer) {
		return new ContainerFactoryCustomizerPostProcessor(customizer);
	}

	@Bean
	@ConditionalOnMissingBean
	HeldInstanceIdRecovery kafkaResilienceHeldInstanceIdRecovery(StaticMembershipProperties staticMembership,
			ObjectProvider<KafkaAdmin> kafkaAdmin, KafkaProperties kafkaProperties,
			ObjectProvider<ConsumerFactory<?, ?>> consumerFactory) {
		if (!staticMembership.isReclaimHeldId()) {
			return new HeldInstanceIdRecovery(null, RECLAIM_TIMEOUT);
		}
		// Resolved on first use: the consumer factory is still being created when this
		// is.
		Supplier<AdminClients> admins = SingletonSupplier.of(() -> AdminConnection.clients(AdminConnection
			.config(kafkaAdmin, kafkaProperties, consumerFactory, RECLAIM_TIMEOUT, "kafka-resilience-membership")));
		return new HeldInstanceIdRecovery(admins, RECLAIM_TIMEOUT);
	}

	@Bean
	@ConditionalOnMissingBean
	MembershipConsumerPostProcessor kafkaResilienceMembershipConsumerPostProcessor(ShutdownProperties shutdown,
			RebalanceProperties rebalance, ConsumerIncidents incidents, HeldInstanceIdRecovery recovery) {
		return new MembershipConsumerPostProcessor(shutdown.isLeaveGroup(), incidents, Clock.systemUTC(),
				rebalance.getMaxUncommittedTime(), recovery);
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer kafkaResilienceConsumerFactoryCustomizer(
			MembershipConsumerPostProcessor membership) {
		// Each factory's consumers reclaim a held id on their own cluster.
		return (factory) -> addPostProcessor(factory,
				membership.forConnection(ClusterConnection.of(factory.getConfigurationProperties())));
	}

	@Bean
	@ConditionalOnMissingBean
	GracefulContainerStop kafkaResilienceGracefulContainerStop(ShutdownProperties shutdown,
			ObjectProvider<ListenerContainerRegistry> registry) {
		return new GracefulContainerStop(() -> {
			ListenerContainerRegistry containers = registry.getIfUnique();
			return (containers != null) ? containers.getAllListenerContainers() : List.of();
		}, shutdown.getTimeout());
	}

	@Bean
	UnknownListenerOverridesReporter kafkaResilienceUnknownListenerOverridesReporter(
			KafkaResilienceProperties resilience, ResilientContainerCustomizer customizer) {
		return new UnknownListenerOverridesReporter(resilience, customizer);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void addPostProcessor(DefaultKafkaConsumerFactory factory,
			MembershipConsumerPostProcessor membership) {
		factory.addPostProcessor(membership);
	}

	private static @Nullable String machineHostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}

package io.github.kafkaresilience.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Properties;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.ListenerSettingsRegistry;
import io.github.kafkaresilience.defaults.ResilientContainerCustomizer;
import io.github.kafkaresilience.membership.HeldInstanceIdRecovery;
import io.github.kafkaresilience.membership.MembershipConsumerPostProcessor;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.rebalance.RecordingRebalanceListener;
import io.github.kafkaresilience.shutdown.GracefulContainerStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class KafkaResilienceAutoConfigurationTests {

	private static final String COOPERATIVE = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaResilienceAutoConfiguration.class))
		.withPropertyValues("spring.kafka.consumer.group-id=orders", "spring.kafka.listener.auto-startup=false");

	@Test
	void appliesDefaultsToContainersOfBootsFactory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ResilientContainerCustomizer.class)
				.hasSingleBean(RebalanceHistory.class)
				.hasSingleBean(MembershipConsumerPostProcessor.class)
				.hasSingleBean(HeldInstanceIdRecovery.class);
			Properties properties = createContainer(context).getContainerProperties().getKafkaConsumerProperties();
			assertThat(properties).containsEntry("partition.assignment.strategy", COOPERATIVE)
				.containsEntry("session.timeout.ms", "10000")
				.containsEntry("heartbeat.interval.ms", "250")
				.containsEntry("max.poll.interval.ms", "300000")
				.containsEntry("max.poll.records", "500")
				.containsEntry("enable.auto.commit", "false");
		});
	}

	@Test
	void gracefulStopRunsOnePhaseBeforeTheContainersWithItsOwnBound() {
		this.contextRunner.withPropertyValues("kafka.resilience.shutdown.timeout=12s").run((context) -> {
			assertThat(context).hasSingleBean(GracefulContainerStop.class);
			assertThat(context.getBean(GracefulContainerStop.class).getPhase())
				.isGreaterThan(AbstractMessageListenerContainer.DEFAULT_PHASE);
			ConcurrentMessageListenerContainer<?, ?> container = createContainer(context);
			assertThat(container.getContainerProperties().getShutdownTimeout()).isEqualTo(10_000);
			assertThat(setting(context, "noBeanNameSet", "shutdown.timeout.ms")).isEqualTo("12000 KAFKA_RESILIENCE");
		});
	}

	@Test
	void disabledLeavesSpringBootsPlainBehaviour() {
		this.contextRunner.withPropertyValues("kafka.resilience.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ResilientContainerCustomizer.class)
				.doesNotHaveBean(RebalanceHistory.class)
				.doesNotHaveBean(MembershipConsumerPostProcessor.class)
				.doesNotHaveBean(HeldInstanceIdRecovery.class);
			ConcurrentMessageListenerContainer<?, ?> container = createContainer(context);
			assertThat(container.getContainerProperties().getKafkaConsumerProperties()).isEmpty();
			assertThat(container.getContainerProperties().getConsumerRebalanceListener()).isNull();
			assertThat(container.getContainerProperties().getShutdownTimeout()).isEqualTo(10_000);
		});
	}

	@Test
	void typedSpringKafkaPropertyWins() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.max-poll-records=42").run((context) -> {
			assertThat(createContainer(context).getContainerProperties().getKafkaConsumerProperties())
				.doesNotContainKey("max.poll.records");
			assertThat(setting(context, "max.poll.records")).isEqualTo("42 USER");
		});
	}

	@Test
	void consumerPropertiesMapWins() {
		this.contextRunner.withPropertyValues(
				"spring.kafka.consumer.properties[partition.assignment.strategy]=org.apache.kafka.clients.consumer.RoundRobinAssignor")
			.run((context) -> assertThat(createContainer(context).getContainerProperties().getKafkaConsumerProperties())
				.doesNotContainKey("partition.assignment.strategy"));
	}

	@Test
	void sharedKafkaPropertiesWin() {
		this.contextRunner.withPropertyValues("spring.kafka.properties[session.timeout.ms]=20000")
			.run((context) -> assertThat(createContainer(context).getContainerProperties().getKafkaConsumerProperties())
				.doesNotContainKey("session.timeout.ms"));
	}

	@Test
	void kafkaListenerPropertiesWin() {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class).run((context) -> {
			MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("withProperties");
			assertThat(container.getContainerProperties().getKafkaConsumerProperties())
				.containsEntry("max.poll.records", "5")
				.containsEntry("session.timeout.ms", "10000");
			assertThat(setting(context, "withProperties", "max.poll.records")).isEqualTo("5 USER");
		});
	}

	@Test
	void userDefinedConsumerFactoryValuesWin() {
		this.contextRunner.withUserConfiguration(UserConsumerFactory.class).run((context) -> {
			Properties properties = createContainer(context).getContainerProperties().getKafkaConsumerProperties();
			assertThat(properties).doesNotContainKey("heartbeat.interval.ms")
				.containsEntry("partition.assignment.strategy", COOPERATIVE);
		});
	}

	@Test
	void perListenerOverrideWinsOverGlobalDefault() {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("kafka.resilience.listeners.withProperties.consumer.max-poll-interval=10m",
					"kafka.resilience.consumer.max-poll-interval=2m")
			.run((context) -> assertThat(setting(context, "withProperties", "max.poll.interval.ms"))
				.isEqualTo("600000 KAFKA_RESILIENCE"));
	}

	@Test
	void perListenerSwitchLeavesThatListenerAlone() {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("kafka.resilience.listeners.withProperties.enabled=false")
			.run((context) -> {
				MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
					.getListenerContainer("withProperties");
				assertThat(container.getContainerProperties().getKafkaConsumerProperties())
					.doesNotContainKey("session.timeout.ms");
			});
	}

	@Test
	void userContainerCustomizerStillRunsAndItsValuesWin() {
		this.contextRunner.withUserConfiguration(UserContainerCustomizer.class).run((context) -> {
			ConcurrentMessageListenerContainer<?, ?> container = createContainer(context);
			assertThat(container.getContainerProperties().getKafkaConsumerProperties())
				.containsEntry("max.poll.records", "7")
				.containsEntry("session.timeout.ms", "10000");
			assertThat(container.getContainerProperties().getIdleEventInterval()).isEqualTo(1234L);
		});
	}

	@Test
	void userRebalanceListenerIsComposedNotReplaced() {
		this.contextRunner.withUserConfiguration(UserRebalanceListener.class).run((context) -> {
			Object listener = createContainer(context).getContainerProperties().getConsumerRebalanceListener();
			assertThat(listener).isInstanceOf(RecordingRebalanceListener.class);
			assertThat(((RecordingRebalanceListener) listener).getDelegate())
				.isSameAs(context.getBean(ConsumerAwareRebalanceListener.class));
		});
	}

	@Test
	void backsOffWhenUserDefinesBeans() {
		this.contextRunner.withBean(RebalanceHistory.class, () -> new RebalanceHistory(3))
			.run((context) -> assertThat(context.getBean(RebalanceHistory.class).maxEventsPerGroup()).isEqualTo(3));
		HeldInstanceIdRecovery own = new HeldInstanceIdRecovery(null, Duration.ofSeconds(1));
		this.contextRunner.withBean(HeldInstanceIdRecovery.class, () -> own)
			.run((context) -> assertThat(context.getBean(HeldInstanceIdRecovery.class)).isSameAs(own));
	}

	@Test
	void staticIdsFromStatefulSetPodName() {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1", "HOSTNAME=orders-2")
			.run((context) -> assertThat(setting(context, "withProperties", "group.instance.id"))
				.isEqualTo("orders-2-withProperties KAFKA_RESILIENCE"));
	}

	@Test
	void deploymentPodGetsAnIdForItsContainerRestartsWithTheDynamicSession(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1", "POD_NAME=orders-7d9f8b6c5d-x2k4q")
			.run((context) -> {
				assertThat(setting(context, "withProperties", "group.instance.id"))
					.isEqualTo("orders-7d9f8b6c5d-x2k4q-withProperties KAFKA_RESILIENCE");
				assertThat(setting(context, "withProperties", "session.timeout.ms"))
					.isEqualTo("10000 KAFKA_RESILIENCE");
				assertThat(output).contains("identity from POD_NAME (looks like a Deployment pod name")
					.contains("as for a dynamic member: a container restarted in place");
			});
	}

	@Test
	void deploymentPodStaysDynamicWhenStaticMembersWouldNotLeaveOnStop(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1", "POD_NAME=orders-7d9f8b6c5d-x2k4q",
					"kafka.resilience.shutdown.leave-group=false")
			.run((context) -> {
				assertThat(setting(context, "withProperties", "group.instance.id")).isEqualTo("null KAFKA_DEFAULT");
				assertThat(output).contains("static membership skipped: POD_NAME 'orders-7d9f8b6c5d-x2k4q'");
			});
	}

	@Test
	void startupReportShowsEachSettingAndItsSource(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.run((context) -> assertThat(output)
				.contains("kafka-resilience: listener 'withProperties' (group 'withProperties', protocol classic")
				.containsPattern("max\\.poll\\.records\\s+= 5  \\[user\\]")
				.containsPattern("session\\.timeout\\.ms\\s+= 10000  \\[kafka-resilience\\]")
				.contains("note: session.timeout.ms=10000: a crashed dynamic member's partitions move")
				.containsPattern("group\\.instance\\.id\\s+= \\(none: dynamic member\\)  \\[Kafka default\\]"));
	}

	@Test
	void unknownListenerOverrideIsWarned(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("kafka.resilience.listeners.withPropertis.consumer.max-poll-records=10")
			.run((context) -> assertThat(output)
				.contains("kafka.resilience.listeners.withPropertis matches no listener container"));
	}

	@Test
	void listenerSwitchedOffIsNotReportedAsUnknown(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ListenerWithProperties.class)
			.withPropertyValues("kafka.resilience.listeners.withProperties.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("matches no listener container");
			});
	}

	@Test
	void duplicateInstanceIdAcrossListenersIsWarned(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(TwoListenersSameGroup.class)
			.withPropertyValues("spring.kafka.consumer.properties[group.instance.id]=shared")
			.run((context) -> assertThat(output).contains("[duplicate-instance-id]"));
	}

	@Test
	void staysOffWithoutSpringKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EnableKafka.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResilientContainerCustomizer.class));
	}

	@Test
	void defaultsApplyWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(createContainer(context).getContainerProperties().getKafkaConsumerProperties())
				.containsEntry("partition.assignment.strategy", COOPERATIVE));
	}

	@Test
	void newProtocolGroupGetsNoClassicSettings() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.properties[group.protocol]=consumer")
			.run((context) -> assertThat(createContainer(context).getContainerProperties().getKafkaConsumerProperties())
				.doesNotContainKeys("partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms")
				.containsEntry("max.poll.records", "500"));
	}

	@Test
	void newProtocolContainerPollsWithAShortTimeoutWhereNobodyChoseOne() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.properties[group.protocol]=consumer")
			.run((context) -> {
				assertThat(createContainer(context).getContainerProperties().getPollTimeout()).isEqualTo(500);
				assertThat(setting(context, "noBeanNameSet", "pollTimeout.ms")).isEqualTo("500 KAFKA_RESILIENCE");
			});
	}

	@Test
	void springKafkasPollTimeoutPropertyWinsEvenAtItsDefault() {
		this.contextRunner
			.withPropertyValues("spring.kafka.consumer.properties[group.protocol]=consumer",
					"spring.kafka.listener.poll-timeout=5s")
			.run((context) -> {
				assertThat(createContainer(context).getContainerProperties().getPollTimeout()).isEqualTo(5000);
				assertThat(setting(context, "noBeanNameSet", "pollTimeout.ms")).isEqualTo("5000 USER");
			});
	}

	@Test
	void classicContainerKeepsSpringKafkasPollTimeout() {
		this.contextRunner.run((context) -> {
			assertThat(createContainer(context).getContainerProperties().getPollTimeout()).isEqualTo(5000);
			assertThat(context.getBean(ListenerSettingsRegistry.class)
				.get("noBeanNameSet")
				.flatMap((settings) -> settings.setting("pollTimeout.ms"))).isEmpty();
		});
	}

	@Test
	void shutdownTimeoutIsMeasuredAgainstBootsLifecyclePhase() {
		ApplicationContextRunner withLifecycle = this.contextRunner
			.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
			.withPropertyValues("kafka.resilience.shutdown.timeout=20s");
		withLifecycle.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=15s")
			.run((context) -> assertThat(findingCodes(context)).contains("shutdown-timeout-exceeds-phase"));
		withLifecycle.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=45s")
			.run((context) -> assertThat(findingCodes(context)).doesNotContain("shutdown-timeout-exceeds-phase"));
		// Without Boot's lifecycle configuration its default phase (30 s) applies.
		this.contextRunner.withPropertyValues("kafka.resilience.shutdown.timeout=31s")
			.run((context) -> assertThat(findingCodes(context)).contains("shutdown-timeout-exceeds-phase"));
	}

	private static List<String> findingCodes(AssertableApplicationContext context) {
		createContainer(context);
		return context.getBean(ListenerSettingsRegistry.class)
			.get("noBeanNameSet")
			.orElseThrow()
			.findings()
			.stream()
			.map(Finding::code)
			.toList();
	}

	static ConcurrentMessageListenerContainer<?, ?> createContainer(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("kafkaListenerContainerFactory",
				ConcurrentKafkaListenerContainerFactory.class);
		return factory.createContainer("orders");
	}

	private static String setting(AssertableApplicationContext context, String key) {
		createContainer(context);
		return setting(context, "noBeanNameSet", key);
	}

	private static String setting(AssertableApplicationContext context, String listenerId, String key) {
		assertThat(context).hasNotFailed();
		return context.getBean(ListenerSettingsRegistry.class)
			.get(listenerId)
			.flatMap((settings) -> settings.setting(key))
			.map((setting) -> setting.value() + " " + setting.source())
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerWithProperties {

		@KafkaListener(id = "withProperties", topics = "orders", properties = "max.poll.records=5")
		void listen(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListenersSameGroup {

		@KafkaListener(id = "first", topics = "orders", idIsGroup = false)
		void first(String value) {
		}

		@KafkaListener(id = "second", topics = "payments", idIsGroup = false)
		void second(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConsumerFactory {

		@Bean
		ConsumerFactory<Object, Object> kafkaConsumerFactory() {
			return new DefaultKafkaConsumerFactory<>(
					Map.of("bootstrap.servers", "localhost:9092", "heartbeat.interval.ms", 2000));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserContainerCustomizer {

		@Bean
		ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> userCustomizer() {
			return (container) -> {
				container.getContainerProperties().getKafkaConsumerProperties().setProperty("max.poll.records", "7");
				container.getContainerProperties().setIdleEventInterval(1234L);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRebalanceListener {

		@Bean
		ConsumerAwareRebalanceListener userRebalanceListener() {
			return new ConsumerAwareRebalanceListener() {
			};
		}

	}

}

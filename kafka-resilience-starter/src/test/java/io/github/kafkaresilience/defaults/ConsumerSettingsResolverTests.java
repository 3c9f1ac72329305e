package io.github.kafkaresilience.defaults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.diagnostics.InvalidKafkaResilienceConfigurationException;
import io.github.kafkaresilience.membership.StaticMembershipDecision;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConsumerSettingsResolverTests {

	private static final String COOPERATIVE = "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";

	private static final ConsumerDefaults DEFAULTS = new ConsumerDefaults(List.of(COOPERATIVE), AssignorMigration.NONE,
			Duration.ofSeconds(45), Duration.ofSeconds(1), Duration.ofMinutes(5), 500, false, true);

	private final Map<String, Object> factory = new HashMap<>();

	private final Properties container = new Properties();

	private StaticMembershipDecision membership = new StaticMembershipDecision(null, "static membership is off");

	private ConsumerDefaults defaults = DEFAULTS;

	private Duration shutdownTimeout = Duration.ofSeconds(20);

	private boolean hooked = true;

	private ClientRack rack;

	@Test
	void fillsEveryClassicDefaultWhenUserSetNothing() {
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("partition.assignment.strategy", COOPERATIVE)
			.containsEntry("session.timeout.ms", "45000")
			.containsEntry("heartbeat.interval.ms", "1000")
			.containsEntry("max.poll.interval.ms", "300000")
			.containsEntry("max.poll.records", "500")
			.containsEntry("enable.auto.commit", "false")
			.doesNotContainKey("group.instance.id");
		assertThat(resolution.settings().setting("session.timeout.ms")).get()
			.extracting(EffectiveSetting::source)
			.isEqualTo(SettingSource.KAFKA_RESILIENCE);
		assertThat(resolution.settings().protocol()).isEqualTo(GroupProtocol.CLASSIC);
	}

	// The endpoint shows these settings as they are: only the report's own keys may reach
	// it, never the connection's credentials.
	@Test
	void noSecretOfTheConsumerConfigurationReachesTheSettings() {
		this.factory.put("sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\"s3cr3t\";");
		this.factory.put("ssl.keystore.password", "s3cr3t");
		this.container.setProperty("sasl.login.callback.handler.class", "com.example.s3cr3tHandler");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.settings().settings()).isNotEmpty()
			.allSatisfy((setting) -> assertThat(setting.key() + "=" + setting.value()).doesNotContain("s3cr3t")
				.doesNotContain("sasl")
				.doesNotContain("ssl"));
		assertThat(resolution.additions()).allSatisfy((key, value) -> assertThat(value).doesNotContain("s3cr3t"));
	}

	@Test
	void factoryValueFromSpringKafkaPropertiesWins() {
		this.factory.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RoundRobinAssignor");
		this.factory.put("max.poll.records", 50);
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKeys("partition.assignment.strategy", "max.poll.records");
		assertThat(resolution.settings().setting("max.poll.records")).get()
			.isEqualTo(new EffectiveSetting("max.poll.records", "50", SettingSource.USER));
	}

	@Test
	void listenerPropertyWinsOverDefault() {
		this.container.setProperty("session.timeout.ms", "30000");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKey("session.timeout.ms");
		assertThat(resolution.settings().value("session.timeout.ms")).contains("30000");
	}

	@Test
	void classDefaultValuesInFactoryAreRenderedAsClassNames() {
		this.factory.put("partition.assignment.strategy",
				List.of(org.apache.kafka.clients.consumer.StickyAssignor.class));
		assertThat(resolve().settings().value("partition.assignment.strategy"))
			.contains("org.apache.kafka.clients.consumer.StickyAssignor");
	}

	@Test
	void heartbeatIsLoweredToAThirdOfAShortUserSessionTimeout() {
		this.factory.put("session.timeout.ms", "2400");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("heartbeat.interval.ms", "800");
		assertThat(resolution.settings().findings()).extracting(Finding::code).contains("heartbeat-lowered");
	}

	@Test
	void ownHeartbeatAboveAThirdOfOwnSessionIsWarnedNotSilentlyLowered() {
		this.defaults = new ConsumerDefaults(List.of(COOPERATIVE), AssignorMigration.NONE, Duration.ofSeconds(45),
				Duration.ofSeconds(20), Duration.ofMinutes(5), 500, false, true);
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("heartbeat.interval.ms", "20000");
		assertThat(resolution.settings().findings()).extracting(Finding::code)
			.contains("heartbeat-above-third-of-session")
			.doesNotContain("heartbeat-lowered");
	}

	@Test
	void dynamicMembersAlwaysLeave() {
		assertThat(resolve().settings().setting(ConsumerSettingsResolver.LEAVE_GROUP_ON_STOP)).get()
			.isEqualTo(new EffectiveSetting(ConsumerSettingsResolver.LEAVE_GROUP_ON_STOP, "true",
					SettingSource.KAFKA_DEFAULT));
	}

	@Test
	void staticMembersOfAFactoryWithoutOurHookCannotLeaveAndSaySo() {
		this.membership = new StaticMembershipDecision("orders-0-orders", "identity from POD_NAME");
		this.hooked = false;
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.settings().value(ConsumerSettingsResolver.LEAVE_GROUP_ON_STOP)).contains("false");
		assertThat(resolution.settings().findings()).extracting(Finding::code).contains("leave-group-unavailable");
	}

	@Test
	void userHeartbeatNotBelowSessionTimeoutFailsNamingTheProperty() {
		this.factory.put("session.timeout.ms", "10000");
		this.factory.put("heartbeat.interval.ms", "10000");
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("heartbeat.interval.ms");
				assertThat(ex.getAction()).contains("at most a third of session.timeout.ms");
			});
	}

	@Test
	void userHeartbeatAboveAThirdOfSessionIsAWarning() {
		this.factory.put("session.timeout.ms", "10000");
		this.factory.put("heartbeat.interval.ms", "5000");
		assertThat(resolve().settings().findings()).extracting(Finding::code)
			.contains("heartbeat-above-third-of-session");
	}

	@Test
	void newProtocolNeverGetsClassicOnlySettings() {
		this.factory.put("group.protocol", "consumer");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKeys("partition.assignment.strategy", "session.timeout.ms",
				"heartbeat.interval.ms");
		assertThat(resolution.additions()).containsKeys("max.poll.interval.ms", "max.poll.records");
		assertThat(resolution.settings().protocol()).isEqualTo(GroupProtocol.CONSUMER);
	}

	@Test
	void newProtocolNotesThatTheBrokerDecidesHeartbeatAndSessionTimeout() {
		this.factory.put("group.protocol", "consumer");
		assertThat(resolve().settings().findings()).filteredOn((finding) -> finding.code().equals("consumer-protocol"))
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.severity()).isEqualTo(Severity.INFO);
				assertThat(finding.message()).contains("consumer.heartbeat.interval.ms")
					.contains("kafka.resilience.consumer-protocol.heartbeat-interval");
			});
	}

	@Test
	void classicProtocolHasNoConsumerProtocolNote() {
		assertThat(resolve().settings().findings()).extracting(Finding::code).doesNotContain("consumer-protocol");
	}

	@Test
	void newProtocolWithUserSessionTimeoutFailsNamingBrokerReplacement() {
		this.factory.put("group.protocol", "CONSUMER");
		this.factory.put("session.timeout.ms", "30000");
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("session.timeout.ms");
				assertThat(ex.getAction()).contains("group.consumer.session.timeout.ms");
			});
	}

	@Test
	void newProtocolWithUserHeartbeatFailsNamingBrokerReplacement() {
		this.container.setProperty("group.protocol", "consumer");
		this.container.setProperty("heartbeat.interval.ms", "1000");
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> assertThat(ex.getAction()).contains("group.consumer.heartbeat.interval.ms"));
	}

	@Test
	void newProtocolWithUserAssignorFailsNamingRemoteAssignor() {
		this.factory.put("group.protocol", "consumer");
		this.factory.put("partition.assignment.strategy", COOPERATIVE);
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("partition.assignment.strategy");
				assertThat(ex.getAction()).contains("group.remote.assignor");
			});
	}

	@Test
	void remoteAssignorWithClassicProtocolFails() {
		this.factory.put("group.remote.assignor", "uniform");
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("group.remote.assignor"));
	}

	@Test
	void unknownGroupProtocolFails() {
		this.factory.put("group.protocol", "streams");
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("group.protocol"));
	}

	@Test
	void migrationFromRangeListsRangeAfterCooperative() {
		this.defaults = new ConsumerDefaults(List.of(COOPERATIVE), AssignorMigration.FROM_RANGE, Duration.ofSeconds(45),
				Duration.ofSeconds(1), Duration.ofMinutes(5), 500, false, true);
		assertThat(resolve().additions()).containsEntry("partition.assignment.strategy",
				COOPERATIVE + ",org.apache.kafka.clients.consumer.RangeAssignor");
	}

	@Test
	void unsetSessionTimeoutIsShortForADynamicMemberAndSaysWhy() {
		this.defaults = withoutSessionTimeout();
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("session.timeout.ms", "10000");
		assertThat(resolution.settings().findings())
			.filteredOn((finding) -> finding.code().equals("session-timeout-dynamic"))
			.singleElement()
			.extracting(Finding::message)
			.asString()
			.contains("session.timeout.ms=10000", "instead of Kafka's 45 s",
					"kafka.resilience.consumer.session-timeout");
	}

	@Test
	void unsetSessionTimeoutOutlastsARestartForAStaticMember() {
		this.defaults = withoutSessionTimeout();
		this.membership = new StaticMembershipDecision("orders-0-orders", "identity from POD_NAME");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("session.timeout.ms", "45000");
		assertThat(resolution.settings().findings()).extracting(Finding::code)
			.contains("session-timeout-static")
			.doesNotContain("session-timeout-dynamic", "session-shorter-than-restart");
	}

	@Test
	void aPodScopedStaticMemberKeepsTheShortSessionBecauseAReplacedPodNeverComesBack() {
		this.defaults = withoutSessionTimeout();
		this.membership = new StaticMembershipDecision("orders-7d9f8b6c5d-x2k4q-orders", true,
				"identity from HOSTNAME (looks like a Deployment pod name)");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("session.timeout.ms", "10000")
			.containsEntry("group.instance.id", "orders-7d9f8b6c5d-x2k4q-orders");
		assertThat(resolution.settings().value(ConsumerSettingsResolver.LEAVE_GROUP_ON_STOP)).contains("true");
		assertThat(resolution.settings().findings()).extracting(Finding::code)
			.contains("session-timeout-pod")
			.doesNotContain("session-timeout-static", "session-timeout-dynamic", "session-shorter-than-restart");
	}

	@Test
	void aConfiguredSessionTimeoutAppliesToEveryMemberWithoutAChoiceToExplain() {
		this.membership = new StaticMembershipDecision("orders-0-orders", "identity from POD_NAME");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("session.timeout.ms", "45000");
		assertThat(resolution.settings().findings()).extracting(Finding::code)
			.doesNotContain("session-timeout-static", "session-timeout-dynamic");
	}

	@Test
	void theUsersSessionTimeoutWinsOverTheMembershipChoice() {
		this.defaults = withoutSessionTimeout();
		this.factory.put("session.timeout.ms", "30000");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKey("session.timeout.ms");
		assertThat(resolution.settings().findings()).extracting(Finding::code)
			.doesNotContain("session-timeout-dynamic");
	}

	private static ConsumerDefaults withoutSessionTimeout() {
		return new ConsumerDefaults(List.of(COOPERATIVE), AssignorMigration.NONE, null, Duration.ofMillis(250),
				Duration.ofMinutes(5), 500, false, true);
	}

	@Test
	void staticDecisionAddsInstanceId() {
		this.membership = new StaticMembershipDecision("orders-0-orders", "identity from POD_NAME");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("group.instance.id", "orders-0-orders");
		assertThat(resolution.settings().value(ConsumerSettingsResolver.LEAVE_GROUP_ON_STOP)).contains("true");
	}

	@Test
	void userInstanceIdWinsOverDerivedOne() {
		this.membership = new StaticMembershipDecision("orders-0-orders", "identity from POD_NAME");
		this.container.setProperty("group.instance.id", "mine");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKey("group.instance.id");
		assertThat(resolution.settings().setting("group.instance.id")).get()
			.isEqualTo(new EffectiveSetting("group.instance.id", "mine", SettingSource.USER));
	}

	@Test
	void malformedUserInstanceIdFails() {
		this.factory.put("group.instance.id", "orders pod#1");
		assertThatExceptionOfType(InvalidKafkaResilienceConfigurationException.class).isThrownBy(this::resolve)
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("group.instance.id");
				assertThat(ex.getDescription()).contains("orders pod#1");
			});
	}

	@Test
	void staticMemberWithSessionShorterThanRestartIsWarned() {
		this.membership = new StaticMembershipDecision("orders-0-orders", "identity from POD_NAME");
		this.factory.put("session.timeout.ms", "10000");
		assertThat(resolve().settings().findings()).extracting(Finding::code).contains("session-shorter-than-restart");
	}

	@Test
	void shutdownTimeoutOutsideLifecyclePhaseIsWarned() {
		this.shutdownTimeout = Duration.ofSeconds(45);
		assertThat(resolve().settings().findings()).extracting(Finding::code)
			.contains("shutdown-timeout-exceeds-phase");
	}

	@Test
	void unsetInstanceIdIsReportedAsKafkaDefault() {
		assertThat(resolve().settings().setting("group.instance.id")).get()
			.extracting(EffectiveSetting::source)
			.isEqualTo(SettingSource.KAFKA_DEFAULT);
	}

	@Test
	void rackOfThisInstanceBecomesClientRackWithItsOriginInTheReport() {
		this.rack = new ClientRack("eu-west-1a", "environment variable KAFKA_CLIENT_RACK");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).containsEntry("client.rack", "eu-west-1a");
		assertThat(resolution.settings().setting("client.rack")).get()
			.extracting(EffectiveSetting::source)
			.isEqualTo(SettingSource.KAFKA_RESILIENCE);
		assertThat(resolution.settings().findings()).anySatisfy((finding) -> {
			assertThat(finding.code()).isEqualTo("client-rack");
			assertThat(finding.message()).contains("eu-west-1a").contains("environment variable KAFKA_CLIENT_RACK");
		});
	}

	@Test
	void usersOwnClientRackWinsOverThisInstancesRack() {
		this.rack = new ClientRack("eu-west-1a", "kafka.resilience.rack.id");
		this.factory.put("client.rack", "eu-west-1b");
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKey("client.rack");
		assertThat(resolution.settings().value("client.rack")).contains("eu-west-1b");
		assertThat(resolution.settings().findings()).noneMatch((finding) -> finding.code().equals("client-rack"));
	}

	@Test
	void withoutARackClientRackStaysKafkasDefault() {
		ConsumerSettingsResolver.Resolution resolution = resolve();
		assertThat(resolution.additions()).doesNotContainKey("client.rack");
		assertThat(resolution.settings().setting("client.rack")).get()
			.extracting(EffectiveSetting::source)
			.isEqualTo(SettingSource.KAFKA_DEFAULT);
	}

	private ConsumerSettingsResolver.Resolution resolve() {
		return ConsumerSettingsResolver.resolve(new ConsumerSettingsResolver.Request("orders", "orders", 1,
				this.factory, this.container, this.defaults, this.membership, Duration.ofSeconds(30),
				this.shutdownTimeout, Duration.ofSeconds(30), true, this.hooked, this.rack));
	}

}

package io.github.kafkaresilience.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.groupconfig.GroupConfigKeys;
import io.github.kafkaresilience.groupconfig.GroupSetting;
import io.github.kafkaresilience.signals.GroupSignals;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static io.github.kafkaresilience.integration.KafkaTestSupport.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Groups on the consumer group protocol (KIP-848) on a real broker, whose heartbeat
 * interval and session timeout are the broker's: read with their source, reported with
 * their cost, and set at startup only when asked and only where nobody else did. The test
 * broker's default heartbeat is 500 ms, its minimum 500 ms, its session timeout range
 * 45–60 s ({@link BrokerSettings}).
 */
class ConsumerProtocolOnLiveBrokerTests extends EmbeddedBrokerTests {

	private static final String[] CONSUMER_PROTOCOL = { "spring.kafka.consumer.properties[group.protocol]=consumer",
			"kafka.resilience.signals.refresh-interval=500ms", "kafka.resilience.signals.window=4s",
			"kafka.resilience.static-membership.mode=never", "kafka.resilience.shutdown.timeout=5s" };

	@Test
	void groupSettingsAreReadFromTheBrokerWithTheirSource() throws Exception {
		String topic = this.kafka.topic(2);
		String group = "kip848-read-" + topic;
		ConfigurableApplicationContext app = this.kafka.startWeb(topic, group, with());
		GroupSignals signals = awaitBrokerSettings(app, group);
		assertThat(signals.protocol()).isEqualTo(GroupProtocol.CONSUMER);
		assertThat(signals.brokerSettings().heartbeatInterval())
			.isEqualTo(new GroupSetting(500, GroupSetting.Source.BROKER_DEFAULT));
		assertThat(signals.brokerSettings().sessionTimeout())
			.isEqualTo(new GroupSetting(45_000, GroupSetting.Source.BROKER_DEFAULT));
		assertThat(signals.brokerSettings().refusal()).isNull();
		// 500 ms hand-overs cost about what the classic protocol's do: nothing to report.
		assertThat(signals.findings()).extracting(Finding::code).doesNotContain("broker-heartbeat");
		JsonNode json = Http.json(app, "/actuator/kafkaconsumers/" + group);
		assertThat(json.at("/brokerSettings/heartbeatInterval/valueMs").asLong()).isEqualTo(500);
		assertThat(json.at("/brokerSettings/heartbeatInterval/source").asString()).isEqualTo("BROKER_DEFAULT");
		assertThat(json.at("/brokerSettings/sessionTimeout/valueMs").asLong()).isEqualTo(45_000);
	}

	@Test
	void slowGroupHeartbeatIsAFindingThatStatesTheWaitAndTheFix() {
		String topic = this.kafka.topic(2);
		String group = "kip848-slow-" + topic;
		setGroupConfig(group, GroupConfigKeys.HEARTBEAT_INTERVAL, "2000");
		ConfigurableApplicationContext app = this.kafka.start(topic, group, with());
		GroupSignals signals = awaitBrokerSettings(app, group);
		assertThat(signals.brokerSettings().heartbeatInterval())
			.isEqualTo(new GroupSetting(2000, GroupSetting.Source.GROUP));
		// Even on the first refresh, before the broker describes the group.
		assertThat(signals.findings()).filteredOn((finding) -> finding.code().equals("broker-heartbeat"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("waits up to one heartbeat: 2 s here")
				.contains("consumer.heartbeat.interval.ms=2000 ms, group config")
				.contains("--entity-name " + group)
				.contains("kafka.resilience.consumer-protocol.heartbeat-interval=500ms"));
	}

	@Test
	void askedHeartbeatIsSetOnTheGroupAtStartupAndReported() {
		String topic = this.kafka.topic(2);
		String group = "kip848-lever-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				with("kafka.resilience.consumer-protocol.heartbeat-interval=700ms"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ConfigEntry entry = groupConfig(group).get(GroupConfigKeys.HEARTBEAT_INTERVAL);
			assertThat(entry.value()).isEqualTo("700");
			assertThat(entry.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_GROUP_CONFIG);
		});
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			GroupSignals signals = group(app, group);
			assertThat(signals.brokerSettings()).isNotNull();
			assertThat(signals.brokerSettings().heartbeatInterval())
				.isEqualTo(new GroupSetting(700, GroupSetting.Source.GROUP));
			assertThat(signals.findings()).filteredOn((finding) -> finding.code().equals("group-config-applied"))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.message())
					.contains("consumer.heartbeat.interval.ms set to 700 ms on group '" + group + "'")
					.contains("was 500 ms, broker default"));
		});
	}

	@Test
	void valueSetByAnOperatorIsNeverOverridden() {
		String topic = this.kafka.topic(2);
		String group = "kip848-operator-" + topic;
		setGroupConfig(group, GroupConfigKeys.HEARTBEAT_INTERVAL, "1500");
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				with("kafka.resilience.consumer-protocol.heartbeat-interval=700ms"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(group(app, group).findings())
				.filteredOn((finding) -> finding.code().equals("group-config-operator-set"))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.message()).contains("1500 ms")
					.contains("asked for 700 ms")
					.contains("--delete-config consumer.heartbeat.interval.ms")));
		assertThat(groupConfig(group).get(GroupConfigKeys.HEARTBEAT_INTERVAL).value()).isEqualTo("1500");
	}

	@Test
	void valuesOutsideTheBrokersRangeAreNotSetAndNameTheBrokerSetting() {
		String topic = this.kafka.topic(2);
		String group = "kip848-range-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				with("kafka.resilience.consumer-protocol.heartbeat-interval=100ms",
						"kafka.resilience.consumer-protocol.session-timeout=6s"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Finding> outOfRange = group(app, group).findings()
				.stream()
				.filter((finding) -> finding.code().equals("group-config-out-of-range"))
				.toList();
			assertThat(outOfRange).hasSize(2);
			assertThat(outOfRange)
				.anySatisfy((finding) -> assertThat(finding.message()).contains("consumer.heartbeat.interval.ms=100 ms")
					.contains("[500, 15000] ms")
					.contains("group.consumer.min.heartbeat.interval.ms"));
			assertThat(outOfRange)
				.anySatisfy((finding) -> assertThat(finding.message()).contains("consumer.session.timeout.ms=6000 ms")
					.contains("[45000, 60000] ms")
					.contains("group.consumer.min.session.timeout.ms"));
		});
		assertThat(groupConfig(group).get(GroupConfigKeys.HEARTBEAT_INTERVAL).source())
			.isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
		assertThat(groupConfig(group).get(GroupConfigKeys.SESSION_TIMEOUT).source())
			.isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
	}

	@Test
	void classicGroupHasNoBrokerSettings() {
		String topic = this.kafka.topic(1);
		String group = "classic-" + topic;
		ConfigurableApplicationContext app = this.kafka.start(topic, group,
				"kafka.resilience.signals.refresh-interval=500ms", "kafka.resilience.signals.window=4s",
				"kafka.resilience.static-membership.mode=never");
		this.kafka.awaitStableMembers(group, 1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			GroupSignals signals = group(app, group);
			assertThat(signals.membership().members()).isEqualTo(1);
			assertThat(signals.protocol()).isEqualTo(GroupProtocol.CLASSIC);
			assertThat(signals.brokerSettings()).isNull();
		});
	}

	private GroupSignals awaitBrokerSettings(ConfigurableApplicationContext app, String group) {
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> group(app, group).brokerSettings() != null);
		return group(app, group);
	}

	private void setGroupConfig(String group, String key, String value) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
		get(() -> this.kafka.admin()
			.incrementalAlterConfigs(
					Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET))))
			.all()
			.get());
	}

	private Config groupConfig(String group) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
		return get(() -> this.kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource));
	}

	private static String[] with(String... properties) {
		List<String> all = new ArrayList<>(List.of(CONSUMER_PROTOCOL));
		all.addAll(List.of(properties));
		return all.toArray(String[]::new);
	}

	private static <T> T get(Call<T> call) {
		try {
			return call.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Call<T> {

		T call() throws Exception;

	}

}

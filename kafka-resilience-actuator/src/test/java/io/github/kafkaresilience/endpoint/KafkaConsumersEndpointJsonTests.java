package io.github.kafkaresilience.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kafkaresilience.consumers.BrokerRefusal;
import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import io.github.kafkaresilience.groupconfig.GroupSetting;
import io.github.kafkaresilience.rebalance.RebalanceEventType;
import io.github.kafkaresilience.signals.CapacitySignals;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.GroupView;
import io.github.kafkaresilience.signals.LagSignals;
import io.github.kafkaresilience.signals.ListenerSignals;
import io.github.kafkaresilience.signals.ListenerState;
import io.github.kafkaresilience.signals.LossSignals;
import io.github.kafkaresilience.signals.MembershipSignals;
import io.github.kafkaresilience.signals.Owner;
import io.github.kafkaresilience.signals.PartitionFailure;
import io.github.kafkaresilience.signals.PartitionSignals;
import io.github.kafkaresilience.signals.PollSignals;
import io.github.kafkaresilience.signals.RebalanceSignals;
import io.github.kafkaresilience.signals.TimeBehindSource;
import io.github.kafkaresilience.signals.Verdict;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's JSON is a contract that dashboards and scripts read: the same group
 * renders the same document, field for field, nulls included where they always were.
 *
 * @author kafka-resilience
 */
class KafkaConsumersEndpointJsonTests {

	// As Spring Boot's JacksonEndpointAutoConfiguration builds the mapper for
	// OperationResponseBody responses: nulls left out unless a type says otherwise.
	private final JsonMapper mapper = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
			.withContentInclusion(JsonInclude.Include.NON_NULL))
		.build();

	@Test
	void groupRendersTheDocumentedFieldsWithTheirNulls() throws Exception {
		String json = this.mapper.writeValueAsString(GroupDescriptor.of(group()));
		JSONAssert.assertEquals(expected("group.json"), json, JSONCompareMode.STRICT);
	}

	@Test
	void groupWithTheLeastKnownRendersTheSameFieldsAsNulls() throws Exception {
		String json = this.mapper.writeValueAsString(GroupDescriptor.of(sparseGroup()));
		JSONAssert.assertEquals(expected("sparse-group.json"), json, JSONCompareMode.STRICT);
	}

	@Test
	void localViewRendersWhatTheInstanceCouldNotSeeAndWhoScansTheGroup() throws Exception {
		GroupView view = new GroupView(GroupView.Scope.LOCAL, new Owner("consumer-orders-1", null, "/10.0.0.7"),
				Instant.ofEpochMilli(1795000000000L), 4, 60);
		String json = this.mapper.writeValueAsString(GroupDescriptor.of(group().withView(view)));
		JSONAssert.assertEquals("""
				{"view": {"scope": "local", "partitionsSeen": 4, "partitions": 60,
				          "scanner": {"clientId": "consumer-orders-1", "host": "/10.0.0.7"},
				          "groupScannedAt": 1795000000000}}
				""", json, JSONCompareMode.LENIENT);
		assertThat(this.mapper.readTree(json).path("view").path("note").asString())
			.startsWith("Local view: these signals cover the 4 of 60 partitions")
			.contains("consumer-orders-1 on /10.0.0.7");
	}

	private static String expected(String name) throws IOException {
		return new ClassPathResource(name, KafkaConsumersEndpointJsonTests.class)
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static GroupSignals group() {
		PartitionSignals partition = new PartitionSignals("orders", 0, 40L, 100, 60, -2.5, Verdict.STUCK,
				new Owner("app-1-0", "pod-a-orders-0", "/10.0.0.1"), 5L, 12_000L, TimeBehindSource.RECORD_TIMESTAMP,
				new PartitionFailure(40, 7, "java.lang.IllegalStateException", "bad record", 30_000), 3, 1_500L);
		LagSignals lag = new LagSignals(60, -2.5, 24L, List.of(partition));
		RebalanceSignals rebalances = new RebalanceSignals(4, 1.5, 120L, 250L,
				List.of(new RebalanceSignals.RebalanceEventSummary(1_700_000_000_000L, RebalanceEventType.ASSIGNED,
						"app-1-0", 2, 0)));
		PollSignals poll = new PollSignals(300_000, 12.5, 40.0, 0.2, 0.01);
		MembershipSignals membership = new MembershipSignals(2, 3, 0, 1, GroupState.STABLE);
		List<Finding> findings = List.of(new Finding(Finding.Severity.WARN, "PARTITION_UNOWNED", "one is unowned"));
		ListenerSignals listener = new ListenerSignals("orders-listener", false, ListenerState.STOPPED, Reason.NORMAL,
				2, List.of(new EffectiveSetting("max.poll.records", "500", SettingSource.KAFKA_RESILIENCE),
						new EffectiveSetting("group.instance.id", null, SettingSource.KAFKA_DEFAULT)));
		CapacitySignals capacity = new CapacitySignals(10.0, 7.5, 2, 3, 12_000L, TimeBehindSource.RECORD_TIMESTAMP);
		GroupProtocolSettings broker = new GroupProtocolSettings(new GroupSetting(5_000, GroupSetting.Source.GROUP),
				new GroupSetting(45_000, GroupSetting.Source.BROKER_DEFAULT),
				new BrokerRefusal(AclOperation.DESCRIBE_CONFIGS, ResourceType.GROUP, "orders", "denied"), null);
		return new GroupSignals("orders", Verdict.STUCK, Verdict.SLOW, "Partition orders-0 fails.",
				GroupProtocol.CLASSIC, lag, rebalances, poll, membership, findings, List.of(listener), capacity,
				new LossSignals(2, 3), broker);
	}

	private static GroupSignals sparseGroup() {
		PartitionSignals partition = new PartitionSignals("orders", 1, null, 0, 0, 0, Verdict.UNKNOWN, null, null, null,
				null, null, 0, null);
		return new GroupSignals("orders", Verdict.UNKNOWN, Verdict.UNKNOWN, "Not read yet.", GroupProtocol.CONSUMER,
				new LagSignals(0, 0, null, List.of(partition)), new RebalanceSignals(0, 0, null, null, List.of()),
				new PollSignals(300_000, null, null, null, 0), new MembershipSignals(0, 1, 0, 1, GroupState.EMPTY),
				List.of(), List.of(new ListenerSignals("idle", true, ListenerState.PAUSED, null, 1, List.of())),
				new CapacitySignals(0, 0, 0, null, null, null), new LossSignals(0, 0), null);
	}

}

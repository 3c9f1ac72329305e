package io.github.kafkaresilience.membership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceIdsTests {

	@Test
	void combinesIdentityAndListenerId() {
		assertThat(InstanceIds.forListener("orders-0", "orderListener")).isEqualTo("orders-0-orderListener");
	}

	@Test
	void generatedListenerIdsBecomeShortAndLegal() {
		assertThat(InstanceIds.forListener("orders-0", "org.springframework.kafka.KafkaListenerEndpointContainer#3"))
			.isEqualTo("orders-0-listener-3");
	}

	@Test
	void illegalCharactersAreReplaced() {
		String id = InstanceIds.forListener("orders-0", "my listener/1");
		assertThat(id).isEqualTo("orders-0-my_listener_1");
		assertThat(InstanceIds.isLegal(id)).isTrue();
	}

	@Test
	void longIdsAreTruncatedLeavingRoomForSuffixes() {
		String id = InstanceIds.forListener("x".repeat(300), "l");
		assertThat(id).hasSize(InstanceIds.maxConfigurableLength());
	}

	@Test
	void legality() {
		assertThat(InstanceIds.isLegal("orders-0.eu_1")).isTrue();
		assertThat(InstanceIds.isLegal("orders 0")).isFalse();
		assertThat(InstanceIds.isLegal("..")).isFalse();
		assertThat(InstanceIds.isLegal("")).isFalse();
	}

	@Test
	void decisionInAutoModeSkipsUnstableIdentity() {
		HostIdentity deployment = new HostIdentity("orders-7d9f8b6c5d-x2k4q", "POD_NAME", false, "Deployment");
		StaticMembershipDecision decision = StaticMembershipDecision.decide(StaticMembershipMode.AUTO, deployment,
				"orders");
		assertThat(decision.baseInstanceId()).isNull();
		assertThat(decision.reason()).contains("skipped");
		assertThat(StaticMembershipDecision.decide(StaticMembershipMode.ALWAYS, deployment, "orders").baseInstanceId())
			.isEqualTo("orders-7d9f8b6c5d-x2k4q-orders");
	}

}

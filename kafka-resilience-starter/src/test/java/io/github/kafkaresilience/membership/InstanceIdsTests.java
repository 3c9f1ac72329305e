package io.github.kafkaresilience.membership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceIdsTests {

	private static final HostIdentity DEPLOYMENT_POD = new HostIdentity("orders-7d9f8b6c5d-x2k4q", "POD_NAME",
			HostIdentity.Lifetime.POD, "looks like a Deployment pod name");

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
	void decisionInAutoModeSkipsAnIdentityNoRestartBringsBack() {
		HostIdentity hostname = new HostIdentity("build-agent", "HOSTNAME", HostIdentity.Lifetime.NONE,
				"not running on Kubernetes");
		StaticMembershipDecision decision = StaticMembershipDecision.decide(StaticMembershipMode.AUTO, hostname,
				"orders", true);
		assertThat(decision.baseInstanceId()).isNull();
		assertThat(decision.reason()).contains("skipped");
		assertThat(
				StaticMembershipDecision.decide(StaticMembershipMode.ALWAYS, hostname, "orders", true).baseInstanceId())
			.isEqualTo("build-agent-orders");
	}

	@Test
	void decisionInAutoModeGivesAPodScopedIdToAMemberThatLeavesOnAGracefulStop() {
		StaticMembershipDecision decision = StaticMembershipDecision.decide(StaticMembershipMode.AUTO, DEPLOYMENT_POD,
				"orders", true);
		assertThat(decision.baseInstanceId()).isEqualTo("orders-7d9f8b6c5d-x2k4q-orders");
		assertThat(decision.podScoped()).isTrue();
		assertThat(decision.reason()).contains("restarted in place", "graceful stop leaves");
	}

	// Without the leave, every rollout would leave the old pods' ids holding their
	// partitions until their sessions expire.
	@Test
	void decisionInAutoModeSkipsAPodScopedIdThatWouldNotLeaveOnAGracefulStop() {
		StaticMembershipDecision decision = StaticMembershipDecision.decide(StaticMembershipMode.AUTO, DEPLOYMENT_POD,
				"orders", false);
		assertThat(decision.baseInstanceId()).isNull();
		assertThat(decision.reason()).contains("skipped", "would not leave the group",
				"kafka.resilience.shutdown.leave-group");
	}

	@Test
	void modeAlwaysMakesAnyIdentityAStaticIdThatOutlivesThePod() {
		StaticMembershipDecision decision = StaticMembershipDecision.decide(StaticMembershipMode.ALWAYS, DEPLOYMENT_POD,
				"orders", false);
		assertThat(decision.baseInstanceId()).isEqualTo("orders-7d9f8b6c5d-x2k4q-orders");
		assertThat(decision.podScoped()).isFalse();
	}

}

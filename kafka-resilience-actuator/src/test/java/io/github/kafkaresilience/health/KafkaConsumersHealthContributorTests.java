package io.github.kafkaresilience.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.kafkaresilience.consumers.ConsumerIncident;
import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.signals.CapacitySignals;
import io.github.kafkaresilience.signals.GroupSignals;
import io.github.kafkaresilience.signals.LagSignals;
import io.github.kafkaresilience.signals.ListenerSignals;
import io.github.kafkaresilience.signals.ListenerState;
import io.github.kafkaresilience.signals.LossSignals;
import io.github.kafkaresilience.signals.MembershipSignals;
import io.github.kafkaresilience.signals.PollSignals;
import io.github.kafkaresilience.signals.RebalanceSignals;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import io.github.kafkaresilience.signals.Verdict;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConsumersHealthContributorTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

	private final AtomicReference<SignalsSnapshot> snapshot = new AtomicReference<>(SignalsSnapshot.EMPTY);

	private final ConsumerIncidents incidents = new ConsumerIncidents(10);

	@ParameterizedTest
	@EnumSource(Verdict.class)
	void defaultMappingNeverTakesAGroupDownForItsVerdict(Verdict verdict) {
		this.snapshot.set(snapshot(group(verdict, ListenerState.RUNNING)));
		Status expected = (verdict == Verdict.UNKNOWN) ? Status.UNKNOWN : Status.UP;
		assertThat(health(contributor(KafkaConsumersHealthContributor.defaultStatusByVerdict())).getStatus())
			.isEqualTo(expected);
	}

	@Test
	void mappingIsConfigurablePerVerdict() {
		Map<Verdict, Status> mapping = KafkaConsumersHealthContributor.defaultStatusByVerdict();
		mapping.put(Verdict.STUCK, Status.DOWN);
		mapping.put(Verdict.SLOW, new Status("SLOW"));
		KafkaConsumersHealthContributor contributor = contributor(mapping);
		this.snapshot.set(snapshot(group(Verdict.STUCK, ListenerState.RUNNING)));
		assertThat(health(contributor).getStatus()).isEqualTo(Status.DOWN);
		this.snapshot.set(snapshot(group(Verdict.SLOW, ListenerState.RUNNING)));
		assertThat(health(contributor).getStatus().getCode()).isEqualTo("SLOW");
	}

	@Test
	void failedListenerIsDownWithTheDiagnosisWhateverTheMapping() {
		this.snapshot.set(snapshot(group(Verdict.STOPPED, ListenerState.FAILED)));
		Health health = health(contributor(KafkaConsumersHealthContributor.defaultStatusByVerdict()));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry(KafkaConsumersHealthContributor.REASON, "diagnosis of STOPPED")
			.containsEntry(KafkaConsumersHealthContributor.VERDICT, "STOPPED");
	}

	@Test
	void recentMembershipIncidentIsDownAndAnOldOneIsNot() {
		this.snapshot.set(snapshot(group(Verdict.OK, ListenerState.RUNNING)));
		KafkaConsumersHealthContributor contributor = contributor(
				KafkaConsumersHealthContributor.defaultStatusByVerdict());
		this.incidents.record(new ConsumerIncident(NOW.minus(Duration.ofMinutes(6)),
				ConsumerIncident.Kind.UNRELEASED_INSTANCE_ID, "orders", "c-0", "orders-0", "old"));
		assertThat(health(contributor).getStatus()).isEqualTo(Status.UP);
		this.incidents.record(new ConsumerIncident(NOW.minusSeconds(30), ConsumerIncident.Kind.UNRELEASED_INSTANCE_ID,
				"orders", "c-0", "orders-0", "refused: give every consumer a unique group.instance.id"));
		Health health = health(contributor);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry(KafkaConsumersHealthContributor.REASON,
				"refused: give every consumer a unique group.instance.id");
	}

	@Test
	void oneChildPerGroupReadFromTheLatestSnapshot() {
		KafkaConsumersHealthContributor contributor = contributor(
				KafkaConsumersHealthContributor.defaultStatusByVerdict());
		assertThat(contributor.stream()).isEmpty();
		assertThat(contributor.getContributor("orders")).isNull();
		this.snapshot.set(snapshot(group(Verdict.OK, ListenerState.RUNNING)));
		assertThat(contributor.stream()).extracting((entry) -> entry.name()).containsExactly("orders");
		assertThat(health(contributor).getDetails()).containsEntry(KafkaConsumersHealthContributor.LAG, 5L)
			.containsEntry(KafkaConsumersHealthContributor.STALE, false);
	}

	private KafkaConsumersHealthContributor contributor(Map<Verdict, Status> mapping) {
		return new KafkaConsumersHealthContributor(this.snapshot::get, this.incidents, mapping, Duration.ofMinutes(5),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static Health health(KafkaConsumersHealthContributor contributor) {
		return ((HealthIndicator) contributor.getContributor("orders")).health(true);
	}

	private static SignalsSnapshot snapshot(GroupSignals group) {
		return new SignalsSnapshot(NOW, NOW, null, List.of(group));
	}

	private static GroupSignals group(Verdict verdict, ListenerState listenerState) {
		return new GroupSignals("orders", verdict, verdict, "diagnosis of " + verdict, GroupProtocol.CLASSIC,
				new LagSignals(5, 0, null, List.of()), new RebalanceSignals(1, 1, 10L, null, List.of()),
				new PollSignals(300_000, null, null, null, 0), new MembershipSignals(1, 2, 0, 0, GroupState.STABLE),
				List.of(),
				List.of(new ListenerSignals("orders", listenerState != ListenerState.FAILED, listenerState,
						(listenerState == ListenerState.FAILED) ? Reason.ERROR : null, 1, List.of())),
				new CapacitySignals(0, 0, 1, 1, null, null), new LossSignals(0, 0), null);
	}

}

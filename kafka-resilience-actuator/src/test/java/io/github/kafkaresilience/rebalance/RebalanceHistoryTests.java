package io.github.kafkaresilience.rebalance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RebalanceHistoryTests {

	@Test
	void keepsOnlyTheMostRecentEventsPerGroupButCountsThemAll() {
		RebalanceHistory history = new RebalanceHistory(3);
		for (int i = 0; i < 5; i++) {
			history.record(event("orders", RebalanceEventType.ASSIGNED, i));
		}
		history.record(event("payments", RebalanceEventType.REVOKED, 0));
		assertThat(history.events("orders")).extracting(RebalanceEvent::generation).containsExactly(2, 3, 4);
		assertThat(history.total("orders", RebalanceEventType.ASSIGNED)).isEqualTo(5);
		assertThat(history.total("orders", RebalanceEventType.REVOKED)).isZero();
		assertThat(history.events("payments")).hasSize(1);
		assertThat(history.groupIds()).containsExactly("orders", "payments");
	}

	@Test
	void unknownGroupHasNoEvents() {
		RebalanceHistory history = new RebalanceHistory(3);
		assertThat(history.events("nope")).isEmpty();
		assertThat(history.total("nope", RebalanceEventType.LOST)).isZero();
	}

	@Test
	void subscribersSeeEveryEvent() {
		RebalanceHistory history = new RebalanceHistory(1);
		List<RebalanceEvent> seen = new ArrayList<>();
		history.subscribe(seen::add);
		history.record(event("orders", RebalanceEventType.ASSIGNED, 1));
		history.record(event("orders", RebalanceEventType.LOST, 2));
		assertThat(seen).extracting(RebalanceEvent::type)
			.containsExactly(RebalanceEventType.ASSIGNED, RebalanceEventType.LOST);
	}

	@Test
	void eventsAreImmutableCopies() {
		List<TopicPartition> partitions = new ArrayList<>(List.of(new TopicPartition("orders", 0)));
		RebalanceEvent event = new RebalanceEvent(Instant.EPOCH, RebalanceEventType.ASSIGNED, "orders", "c", null, 1,
				partitions, 0, -1);
		partitions.add(new TopicPartition("orders", 1));
		assertThat(event.partitions()).hasSize(1);
	}

	@Test
	void rejectsAnEmptyBound() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RebalanceHistory(0));
	}

	private static RebalanceEvent event(String group, RebalanceEventType type, int generation) {
		return new RebalanceEvent(Instant.EPOCH, type, group, "client", null, generation,
				List.of(new TopicPartition(group, 0)), 0, -1);
	}

}

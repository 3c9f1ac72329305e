package io.github.kafkaresilience.evidence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerProgressTests {

	private static final TopicPartition P0 = new TopicPartition("orders", 0);

	private static final TopicPartition P1 = new TopicPartition("orders", 1);

	private final ListenerProgress progress = new ListenerProgress(
			Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void recordCallEndsWhenTheNextOneStarts() {
		this.progress.recordStarted(record(0, 5));
		assertThat(this.progress.snapshot().get(P0).inFlight()).isNotNull();
		this.progress.recordStarted(record(1, 9));
		assertThat(this.progress.snapshot().get(P0).inFlight()).isNull();
		assertThat(this.progress.snapshot().get(P0).completed()).isEqualTo(1);
		assertThat(this.progress.snapshot().get(P1).inFlight().offset()).isEqualTo(9);
	}

	@Test
	void lastRecordCallEndsWithThePoll() {
		this.progress.recordStarted(record(0, 5));
		this.progress.pollFinished();
		assertThat(this.progress.snapshot().get(P0).inFlight()).isNull();
		assertThat(this.progress.snapshot().get(P0).completed()).isEqualTo(1);
	}

	@Test
	void failedRecordCallIsNotCountedAsCompleted() {
		this.progress.recordStarted(record(0, 5));
		this.progress.recordFailed(record(0, 5), new IllegalStateException("boom"));
		this.progress.pollFinished();
		assertThat(this.progress.snapshot().get(P0).completed()).isZero();
		assertThat(this.progress.snapshot().get(P0).failure().attempts()).isEqualTo(1);
		// The retry succeeds: the record is no longer failing and nothing was given up.
		this.progress.recordStarted(record(0, 5));
		this.progress.pollFinished();
		assertThat(this.progress.snapshot().get(P0).failure()).isNull();
		assertThat(this.progress.snapshot().get(P0).givenUp()).isZero();
	}

	private static ConsumerRecord<String, String> record(int partition, long offset) {
		return new ConsumerRecord<>("orders", partition, offset, "key", "value");
	}

}

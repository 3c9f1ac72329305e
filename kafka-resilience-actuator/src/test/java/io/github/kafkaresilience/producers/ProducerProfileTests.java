package io.github.kafkaresilience.producers;

import java.util.Map;

import io.github.kafkaresilience.consumers.SettingSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProducerProfileTests {

	@Test
	void kafkasDefaultsAreAcksAllAndIdempotent() {
		ProducerProfile profile = ProducerProfile.of("p", Map.of("bootstrap.servers", "b:9092"), null);
		assertThat(profile.acks()).isEqualTo(Acks.ALL);
		assertThat(profile.acksSource()).isEqualTo(SettingSource.KAFKA_DEFAULT);
		assertThat(profile.idempotent()).isTrue();
		assertThat(profile.transactional()).isFalse();
		assertThat(profile.connection().bootstrapServers()).isEqualTo("b:9092");
	}

	@Test
	void clientTurnsDefaultIdempotenceOffForAConflictingSettingAsKafkaDoes() {
		assertThat(ProducerProfile.of("p", Map.of("acks", "1"), null).idempotenceOffBecause()).isEqualTo("acks=1");
		assertThat(ProducerProfile.of("p", Map.of("retries", 0), null).idempotenceOffBecause()).isEqualTo("retries=0");
		assertThat(ProducerProfile.of("p", Map.of("max.in.flight.requests.per.connection", "6"), null)
			.idempotenceOffBecause()).isEqualTo("max.in.flight.requests.per.connection=6");
		assertThat(ProducerProfile.of("p", Map.of("max.in.flight.requests.per.connection", 5), null).idempotent())
			.isTrue();
	}

	@Test
	void explicitIdempotenceIsTakenAsSet() {
		ProducerProfile off = ProducerProfile.of("p", Map.of("enable.idempotence", "false"), null);
		assertThat(off.idempotent()).isFalse();
		assertThat(off.idempotenceSource()).isEqualTo(SettingSource.USER);
		assertThat(off.idempotenceOffBecause()).isNull();
	}

	@Test
	void transactionIdPrefixOrTransactionalIdMakeItTransactional() {
		assertThat(ProducerProfile.of("p", Map.of(), "tx-").transactional()).isTrue();
		assertThat(ProducerProfile.of("p", Map.of("transactional.id", "t1"), null).transactionIdPrefix())
			.isEqualTo("t1");
	}

	@Test
	void acksAcceptsWhatTheClientAcceptsAndNothingElse() {
		assertThat(Acks.of("-1")).isEqualTo(Acks.ALL);
		assertThat(Acks.of(" ALL ")).isEqualTo(Acks.ALL);
		assertThat(Acks.of(0)).isEqualTo(Acks.NONE);
		assertThatIllegalArgumentException().isThrownBy(() -> Acks.of("2"));
	}

}

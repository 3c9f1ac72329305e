package io.github.kafkaresilience.defaults;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRackTests {

	private final Map<String, String> environment = Map.of("KAFKA_CLIENT_RACK", " eu-west-1a ", "EMPTY", " ");

	@Test
	void configuredRackWinsOverTheEnvironment() {
		assertThat(ClientRack.resolve("eu-west-1c", "KAFKA_CLIENT_RACK", this.environment::get))
			.isEqualTo(new ClientRack("eu-west-1c", "kafka.resilience.rack.id"));
	}

	@Test
	void rackComesFromTheNamedEnvironmentVariableTrimmed() {
		assertThat(ClientRack.resolve(null, "KAFKA_CLIENT_RACK", this.environment::get))
			.isEqualTo(new ClientRack("eu-west-1a", "environment variable KAFKA_CLIENT_RACK"));
	}

	@Test
	void noRackWhenNeitherNamesOne() {
		assertThat(ClientRack.resolve(" ", "EMPTY", this.environment::get)).isNull();
		assertThat(ClientRack.resolve(null, "MISSING", this.environment::get)).isNull();
		assertThat(ClientRack.resolve(null, "", this.environment::get)).isNull();
	}

}

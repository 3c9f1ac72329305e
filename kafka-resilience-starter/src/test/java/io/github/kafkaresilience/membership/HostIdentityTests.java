package io.github.kafkaresilience.membership;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostIdentityTests {

	@Test
	void explicitInstanceIdIsStable() {
		HostIdentity identity = HostIdentity.resolve("orders-a", Map.<String, String>of()::get, () -> "laptop");
		assertThat(identity.name()).isEqualTo("orders-a");
		assertThat(identity.lifetime()).isEqualTo(HostIdentity.Lifetime.PERMANENT);
	}

	@Test
	void statefulSetPodNameIsStable() {
		HostIdentity identity = resolve(Map.of("POD_NAME", "orders-2"));
		assertThat(identity.name()).isEqualTo("orders-2");
		assertThat(identity.source()).isEqualTo("POD_NAME");
		assertThat(identity.lifetime()).isEqualTo(HostIdentity.Lifetime.PERMANENT);
	}

	@Test
	void deploymentPodNameLastsAsLongAsThePod() {
		HostIdentity identity = resolve(Map.of("POD_NAME", "orders-7d9f8b6c5d-x2k4q"));
		assertThat(identity.lifetime()).isEqualTo(HostIdentity.Lifetime.POD);
		assertThat(identity.reason()).contains("Deployment", "restarts in place", "replaced");
	}

	@Test
	void generatedPodNamesOfDaemonSetsAndJobsLastAsLongAsThePod() {
		HostIdentity identity = resolve(Map.of("POD_NAME", "log-shipper-x2k4q"));
		assertThat(identity.lifetime()).isEqualTo(HostIdentity.Lifetime.POD);
		assertThat(identity.reason()).contains("generated pod name");
	}

	@Test
	void chosenPodNameIsStable() {
		assertThat(resolve(Map.of("POD_NAME", "orders-primary")).lifetime()).isEqualTo(HostIdentity.Lifetime.PERMANENT);
	}

	@Test
	void podNameTakesPrecedenceOverHostname() {
		HostIdentity identity = resolve(
				Map.of("POD_NAME", "orders-0", "HOSTNAME", "other", "KUBERNETES_SERVICE_HOST", "10.0.0.1"));
		assertThat(identity.name()).isEqualTo("orders-0");
	}

	@Test
	void hostnameOnKubernetesIsClassifiedAsAPodName() {
		assertThat(resolve(Map.of("HOSTNAME", "orders-1", "KUBERNETES_SERVICE_HOST", "10.0.0.1")).lifetime())
			.isEqualTo(HostIdentity.Lifetime.PERMANENT);
		assertThat(
				resolve(Map.of("HOSTNAME", "orders-5b6c7d8f9-x2k4q", "KUBERNETES_SERVICE_HOST", "10.0.0.1")).lifetime())
			.isEqualTo(HostIdentity.Lifetime.POD);
	}

	@Test
	void hostnameOutsideKubernetesIsNotStableEnoughForAuto() {
		HostIdentity identity = resolve(Map.of("HOSTNAME", "build-agent"));
		assertThat(identity.name()).isEqualTo("build-agent");
		assertThat(identity.lifetime()).isEqualTo(HostIdentity.Lifetime.NONE);
	}

	@Test
	void dockerContainerIdIsUnstable() {
		HostIdentity identity = resolve(Map.of("HOSTNAME", "3f4e5d6c7b8a"));
		assertThat(identity.lifetime()).isEqualTo(HostIdentity.Lifetime.NONE);
		assertThat(identity.reason()).contains("container id");
	}

	@Test
	void machineHostnameIsTheLastResort() {
		HostIdentity identity = HostIdentity.resolve(null, Map.<String, String>of()::get, () -> "laptop");
		assertThat(identity.name()).isEqualTo("laptop");
		assertThat(identity.source()).isEqualTo("hostname");
	}

	@Test
	void noIdentityAtAll() {
		HostIdentity identity = HostIdentity.resolve(null, Map.<String, String>of()::get, () -> null);
		assertThat(identity.name()).isNull();
	}

	private static HostIdentity resolve(Map<String, String> env) {
		return HostIdentity.resolve(null, env::get, () -> "laptop");
	}

}

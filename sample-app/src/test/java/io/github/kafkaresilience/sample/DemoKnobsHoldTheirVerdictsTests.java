package io.github.kafkaresilience.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each demo knob holds the verdict the docs promise for as long as it is set: three
 * sample applications, each on its own embedded broker and with the sample's own signals
 * settings, are made slow, stuck and stopped at once and watched for five minutes
 * ({@code -Dsample.hold=PT1M} shortens the watch when run by hand). The slow knob used to
 * read STUCK after 40 s because partitions waiting behind a busy consumer's backlog
 * looked stuck.
 */
class DemoKnobsHoldTheirVerdictsTests {

	private static final Duration HOLD = Duration.parse(System.getProperty("sample.hold", "PT5M"));

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	@AfterEach
	void closeApps() {
		for (ConfigurableApplicationContext app : this.apps) {
			SampleAppClient client = client(app);
			client.post("/demo/stuck?enabled=false");
			app.close();
		}
	}

	@Test
	void slowStuckAndStoppedKnobsHoldTheirVerdictsForFiveMinutes() throws InterruptedException {
		Map<String, SampleAppClient> knobs = new LinkedHashMap<>();
		knobs.put("SLOW", client(start()));
		knobs.put("STUCK", client(start()));
		knobs.put("STOPPED", client(start()));
		knobs.values().forEach((client) -> awaitStatus("OK", client));

		knobs.get("SLOW").post("/demo/processing-delay?ms=100");
		knobs.get("STUCK").post("/demo/stuck?enabled=true");
		knobs.get("STOPPED").post("/demo/stop");
		knobs.forEach(DemoKnobsHoldTheirVerdictsTests::awaitStatus);

		Map<String, List<String>> seen = new LinkedHashMap<>();
		knobs.keySet().forEach((verdict) -> seen.put(verdict, new ArrayList<>()));
		long deadline = System.nanoTime() + HOLD.toNanos();
		while (System.nanoTime() < deadline) {
			knobs.forEach((verdict, client) -> seen.get(verdict).add(client.group().get("status").asString()));
			Thread.sleep(SAMPLE_EVERY.toMillis());
		}
		long samples = HOLD.toSeconds() / SAMPLE_EVERY.toSeconds();
		seen.forEach((verdict, observed) -> {
			assertThat(observed).as("verdicts while the knob for %s was set", verdict)
				.hasSizeGreaterThanOrEqualTo((int) (samples * 0.8))
				.containsOnly(verdict);
		});
		assertThat(knobs.get("STUCK").group().get("diagnosis").asString()).contains("has not returned");
		assertThat(knobs.get("SLOW").group().get("diagnosis").asString())
			.contains("processing is slower than production");
	}

	private static void awaitStatus(String verdict, SampleAppClient client) {
		try {
			client.awaitStatus(verdict);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No " + verdict + " within a minute; the group now: " + client.group(), ex);
		}
	}

	private ConfigurableApplicationContext start() {
		// Arguments, not default properties: application.yml's port 8080 would win over
		// those.
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off");
		this.apps.add(app);
		return app;
	}

	private static SampleAppClient client(ConfigurableApplicationContext app) {
		return new SampleAppClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
	}

}

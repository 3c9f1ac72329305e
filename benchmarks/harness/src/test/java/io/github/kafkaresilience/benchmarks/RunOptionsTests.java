package io.github.kafkaresilience.benchmarks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunOptionsTests {

	@Test
	void aRestartDisruptsEveryInstanceOneAtATime() {
		RunOptions options = RunOptions.parse(new String[] { "--scenario", "starter", "--instances", "6" });
		assertThat(options.disruption()).isEqualTo(Disruption.RESTART);
		assertThat(options.disrupt()).isEqualTo(6);
		assertThat(options.together()).isEqualTo(1);
		assertThat(options.label()).isEqualTo("starter");
	}

	@Test
	void aPauseDisruptsOneInstanceForTheGivenTime() {
		RunOptions options = RunOptions
			.parse(new String[] { "--scenario", "starter", "--disruption", "pause", "--pause-s", "8" });
		assertThat(options.disruption()).isEqualTo(Disruption.PAUSE);
		assertThat(options.pause()).isEqualTo(Duration.ofSeconds(8));
		assertThat(options.disrupt()).isEqualTo(1);
		assertThat(options.label()).isEqualTo("starter (pause)");
	}

	@Test
	void theCrashFlagIsACrashDisruption() {
		RunOptions options = RunOptions.parse(new String[] { "--scenario", "plain", "--crash" });
		assertThat(options.disruption()).isEqualTo(Disruption.CRASH);
		assertThat(options.label()).isEqualTo("plain (crash)");
	}

	@Test
	void moreInstancesAtOnceThanAreDisruptedIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunOptions
				.parse(new String[] { "--scenario", "starter", "--disruption", "kill", "--together", "2" }))
			.withMessageContaining("--together between 1 and --disrupt (1)");
	}

	@Test
	void anUnknownDisruptionNamesTheKnownOnes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunOptions.parse(new String[] { "--scenario", "starter", "--disruption", "freeze" }))
			.withMessageContaining("restart, crash, kill, pause");
	}

}

package io.github.kafkaresilience.benchmarks;

import io.github.kafkaresilience.benchmarks.RollingRestartBenchmark.Disruption;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RollingRestartBenchmarkTests {

	static <T extends BenchmarkCommand> T parse(T benchmark, String... args) {
		benchmark.commandLine().parseArgs(args);
		benchmark.validate();
		return benchmark;
	}

	private static RollingRestartBenchmark parse(String... args) {
		return parse(new RollingRestartBenchmark(), args);
	}

	@Test
	void aRestartDisruptsEveryInstanceOneAtATime() {
		RollingRestartBenchmark options = parse("--scenario", "starter", "--instances", "6");
		assertThat(options.disruption).isEqualTo(Disruption.RESTART);
		assertThat(options.disrupt).isEqualTo(6);
		assertThat(options.together).isEqualTo(1);
		assertThat(options.label).isEqualTo("starter");
		assertThat(options.warmup()).hasSeconds(15);
	}

	@Test
	void aPauseDisruptsOneInstanceForTheGivenTime() {
		RollingRestartBenchmark options = parse("--scenario", "starter", "--disruption", "pause", "--pause-s", "8");
		assertThat(options.disruption).isEqualTo(Disruption.PAUSE);
		assertThat(options.pauseSeconds).isEqualTo(8);
		assertThat(options.disrupt).isEqualTo(1);
		assertThat(options.label).isEqualTo("starter (pause)");
	}

	@Test
	void theCrashFlagIsACrashDisruption() {
		RollingRestartBenchmark options = parse("--scenario", "plain", "--crash", "--smoke");
		assertThat(options.disruption).isEqualTo(Disruption.CRASH);
		assertThat(options.label).isEqualTo("plain (crash)");
		assertThat(options.warmup()).hasSeconds(8);
	}

	@Test
	void optionValuesMayLookLikeOptions() {
		RollingRestartBenchmark options = parse("--scenario", "starter", "--app-arg", "--bench.flush-interval=0",
				"--app-arg", "--smoke", "--app-jvm-opts", "-Xmx256m -XX:+UseSerialGC", "--broker-prop", "a.b=x=y");
		assertThat(options.extraApplicationArguments).containsExactly("--bench.flush-interval=0", "--smoke");
		assertThat(options.smoke).isFalse();
		assertThat(options.jvmOptions("")).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
		assertThat(options.brokerProperties).containsEntry("a.b", "x=y");
	}

	@Test
	void moreInstancesAtOnceThanAreDisruptedIsRefused() {
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--scenario", "starter", "--disruption", "kill", "--together", "2"))
			.withMessageContaining("--together between 1 and --disrupt (1)");
	}

	@Test
	void unknownOptionsAndDisruptionsAreRefused() {
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--scenario", "starter", "--disruption", "freeze"))
			.withMessageContaining("RESTART, CRASH, KILL, PAUSE");
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--scenario", "starter", "--pairz", "3"))
			.withMessageContaining("--pairz");
	}

	@Test
	void aLabelIsATableCell() {
		assertThatExceptionOfType(ParameterException.class)
			.isThrownBy(() -> parse("--scenario", "starter", "--label", "a,b"))
			.withMessageContaining("table cell");
	}

}

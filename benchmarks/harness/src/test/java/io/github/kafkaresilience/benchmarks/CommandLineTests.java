package io.github.kafkaresilience.benchmarks;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTests {

	@Test
	void readsFlagsRepeatedAndSingleOptions() {
		CommandLine line = new CommandLine(
				new String[] { "--smoke", "--app-arg", "--a=1", "--pairs", "3", "--app-arg", "--smoke" },
				Set.of("smoke"), Set.of("app-arg"));
		assertThat(line.flag("smoke")).isTrue();
		assertThat(line.number("pairs", 5)).isEqualTo(3);
		// A repeatable option's value may look like an option, even like a flag.
		assertThat(line.all("app-arg")).containsExactly("--a=1", "--smoke");
		line.checkAllUsed();
	}

	@Test
	void unknownOptionIsRejected() {
		CommandLine line = new CommandLine(new String[] { "--pairz", "3" }, Set.of(), Set.of());
		line.number("pairs", 5);
		assertThatIllegalArgumentException().isThrownBy(line::checkAllUsed).withMessageContaining("pairz");
	}

	@Test
	void optionWithoutValueIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CommandLine(new String[] { "--pairs" }, Set.of(), Set.of()));
	}

	@Test
	void brokerPropertiesNeedKeyAndValue() {
		assertThat(Harness.brokerProperties(java.util.List.of("a.b=1", "c=x=y"))).containsEntry("a.b", "1")
			.containsEntry("c", "x=y");
		assertThatIllegalArgumentException().isThrownBy(() -> Harness.brokerProperties(java.util.List.of("=1")));
	}

}

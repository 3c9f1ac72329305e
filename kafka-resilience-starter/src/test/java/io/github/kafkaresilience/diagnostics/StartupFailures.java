package io.github.kafkaresilience.diagnostics;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on what an application that fails to start prints.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * A {@code kafka.resilience.*} value fails as Boot binds it: Boot's own failure
	 * analysis names the property, where it was set and the fix.
	 */
	public static FailureAnalysis assertBindFailure(AssertableApplicationContext context, String property,
			String fixFragment) {
		FailureAnalysis analysis = assertFailure(context, property, fixFragment);
		assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BindValidationException.class);
		assertThat(analysis.getDescription()).contains("Reason: " + property)
			.contains("Origin: \"" + property + "\" from property source");
		return analysis;
	}

	public static FailureAnalysis assertFailure(AssertableApplicationContext context, String property,
			String fixFragment) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).contains(property);
		assertThat(analysis.getDescription() + analysis.getAction()).contains(fixFragment);
		return analysis;
	}

	// What SpringApplication prints: the first analysis of the failure analyzers
	// registered in spring.factories (Boot's and ours).
	public static FailureAnalysis analyze(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (type, name, ex) -> {
				// Analyzers that need the application's bean factory are not needed here.
			});
		return analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}

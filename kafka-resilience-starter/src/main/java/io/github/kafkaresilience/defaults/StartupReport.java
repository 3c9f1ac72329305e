package io.github.kafkaresilience.defaults;

import java.util.Locale;
import java.util.Objects;

import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.ListenerSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup report of one listener: every effective setting with who chose it, then the
 * findings (docs/configuration.md "The startup report").
 *
 * @author kafka-resilience
 */
final class StartupReport {

	// The report has always been logged under the customizer's name; users filter on it.
	private static final Logger logger = LoggerFactory.getLogger(ResilientContainerCustomizer.class);

	private StartupReport() {
	}

	/**
	 * Log one listener's report: its settings at INFO with the notes, then each warning.
	 * @param settings the listener's effective settings and findings
	 * @param suffixed whether Spring Kafka suffixes each consumer's instance id
	 */
	static void log(ListenerSettings settings, boolean suffixed) {
		StringBuilder block = new StringBuilder();
		block.append("kafka-resilience: listener '")
			.append(settings.listenerId())
			.append("' (group '")
			.append(Objects.requireNonNullElse(settings.groupId(), "none"))
			.append("', protocol ")
			.append(settings.protocol().name().toLowerCase(Locale.ROOT))
			.append(", concurrency ")
			.append(settings.concurrency())
			.append(')');
		int width = settings.settings().stream().mapToInt((setting) -> setting.key().length()).max().orElse(0);
		for (EffectiveSetting setting : settings.settings()) {
			block.append(System.lineSeparator())
				.append("  ")
				.append(pad(setting.key(), width))
				.append(" = ")
				.append(display(setting, settings.concurrency(), suffixed))
				.append("  [")
				.append(setting.source().label())
				.append(']');
		}
		for (Finding finding : settings.findings()) {
			if (finding.severity() == Severity.INFO) {
				block.append(System.lineSeparator()).append("  note: ").append(finding.message());
			}
		}
		logger.info(block.toString());
		for (Finding finding : settings.findings()) {
			if (finding.severity() != Severity.INFO) {
				logger.warn("kafka-resilience: listener '{}': {} [{}]", settings.listenerId(), finding.message(),
						finding.code());
			}
		}
	}

	private static String display(EffectiveSetting setting, int concurrency, boolean suffixed) {
		if (setting.value() == null) {
			return ConsumerConfig.GROUP_INSTANCE_ID_CONFIG.equals(setting.key()) ? "(none: dynamic member)" : "(unset)";
		}
		if (ConsumerConfig.GROUP_INSTANCE_ID_CONFIG.equals(setting.key()) && suffixed) {
			// Spring Kafka's concurrent container suffixes every consumer, even a single
			// one.
			return setting.value() + "-0"
					+ ((concurrency > 1) ? " .. " + setting.value() + "-" + (concurrency - 1) : "");
		}
		return setting.value();
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(Math.max(0, width - text.length()));
	}

}

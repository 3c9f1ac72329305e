package io.github.kafkaresilience.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.kafkaresilience.consumers.EffectiveSetting;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.signals.ListenerSignals;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

/**
 * One of this application's listener containers in the group.
 *
 * @param listenerId the listener id
 * @param running whether the container runs
 * @param state what the container is doing: {@code running}, {@code paused},
 * {@code stopped} or {@code failed}
 * @param stopReason why the container last stopped, Spring Kafka's reason, or
 * {@code null}
 * @param concurrency consumers in the container
 * @param settings each effective setting as {@code "<value> [<source label>]"}, the
 * startup report's form
 * @param effectiveSettings each effective setting as its value and source
 * @author kafka-resilience
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ListenerDescriptor(String listenerId, boolean running, String state, @Nullable Reason stopReason,
		int concurrency, Map<String, String> settings, Map<String, SettingDescriptor> effectiveSettings) {

	static ListenerDescriptor of(ListenerSignals listener) {
		Map<String, String> settings = new LinkedHashMap<>();
		Map<String, SettingDescriptor> effective = new LinkedHashMap<>();
		for (EffectiveSetting setting : listener.settings()) {
			settings.put(setting.key(),
					((setting.value() != null) ? setting.value() : "(unset)") + " [" + setting.source().label() + "]");
			effective.put(setting.key(), new SettingDescriptor(setting.value(), setting.source()));
		}
		return new ListenerDescriptor(listener.listenerId(), listener.running(), listener.state().label(),
				listener.stopReason(), listener.concurrency(), settings, effective);
	}

	/**
	 * One effective setting.
	 *
	 * @param value the value, or {@code null} when unset
	 * @param source who chose it
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record SettingDescriptor(@Nullable String value, SettingSource source) {

	}

}

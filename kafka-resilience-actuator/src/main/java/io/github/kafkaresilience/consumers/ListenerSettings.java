package io.github.kafkaresilience.consumers;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.GroupProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Effective consumer settings of one listener container, captured when the container was
 * created.
 *
 * @param listenerId the listener (container) id
 * @param groupId the consumer group, or {@code null} for a container without one
 * @param protocol the group protocol the listener joins with
 * @param concurrency the number of consumers the container runs
 * @param settings each relevant setting with its value and source
 * @param findings what the startup checks found
 * @author kafka-resilience
 */
public record ListenerSettings(String listenerId, @Nullable String groupId, GroupProtocol protocol, int concurrency,
		List<EffectiveSetting> settings, List<Finding> findings) {

	public ListenerSettings {
		settings = List.copyOf(settings);
		findings = List.copyOf(findings);
	}

	/**
	 * Whether the listener joins with {@code group.protocol=consumer} (KIP-848).
	 * @return {@code true} for the consumer group protocol
	 */
	public boolean consumerProtocol() {
		return this.protocol == GroupProtocol.CONSUMER;
	}

	/**
	 * The effective value of a setting.
	 * @param key the setting's key
	 * @return the value, empty when unset or unknown
	 */
	public Optional<String> value(String key) {
		return setting(key).map(EffectiveSetting::value);
	}

	/**
	 * A setting by key.
	 * @param key the setting's key
	 * @return the setting, empty when not reported
	 */
	public Optional<EffectiveSetting> setting(String key) {
		return this.settings.stream().filter((setting) -> setting.key().equals(key)).findFirst();
	}

}

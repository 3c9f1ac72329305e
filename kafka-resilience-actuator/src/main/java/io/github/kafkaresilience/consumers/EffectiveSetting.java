package io.github.kafkaresilience.consumers;

import org.jspecify.annotations.Nullable;

/**
 * The value a consumer runs with for one setting, and who chose it.
 *
 * @param key the Kafka consumer property or container setting
 * @param value the effective value, or {@code null} when unset
 * @param source who chose the value
 * @author kafka-resilience
 */
public record EffectiveSetting(String key, @Nullable String value, SettingSource source) {

}

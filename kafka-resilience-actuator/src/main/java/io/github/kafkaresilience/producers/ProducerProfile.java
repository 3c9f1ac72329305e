package io.github.kafkaresilience.producers;

import java.util.Map;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.SettingSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The durability settings one producer factory gives its producers, as the Kafka client
 * will apply them: the user's values over Kafka's defaults, with idempotence turned off
 * the way the client turns it off when the user did not ask for it and another setting
 * conflicts.
 *
 * @param name the producer factory's bean name
 * @param acks the effective {@code acks}
 * @param acksSource where it comes from
 * @param idempotent whether the producers are idempotent
 * @param idempotenceSource where that comes from
 * @param idempotenceOffBecause why the client turns idempotence off although nobody set
 * it off, or {@code null}
 * @param transactionIdPrefix the transaction id prefix, {@code null} when not
 * transactional
 * @param connection the cluster the producers write to
 * @author kafka-resilience
 */
public record ProducerProfile(String name, Acks acks, SettingSource acksSource, boolean idempotent,
		SettingSource idempotenceSource, @Nullable String idempotenceOffBecause, @Nullable String transactionIdPrefix,
		ClusterConnection connection) {

	private static final Map<String, Object> KAFKA_DEFAULTS = ProducerConfig.configDef().defaultValues();

	private static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

	/**
	 * The profile of a producer factory's configuration.
	 * @param name the factory's bean name
	 * @param config its configuration properties
	 * @param transactionIdPrefix its transaction id prefix, or {@code null}
	 * @return the profile
	 */
	public static ProducerProfile of(String name, Map<String, Object> config, @Nullable String transactionIdPrefix) {
		Object configuredAcks = config.get(ProducerConfig.ACKS_CONFIG);
		Acks acks = Acks.of((configuredAcks != null) ? configuredAcks : KAFKA_DEFAULTS.get(ProducerConfig.ACKS_CONFIG));
		Object configuredIdempotence = config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
		boolean transactional = transactionIdPrefix != null
				|| config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null;
		String offBecause = null;
		boolean idempotent;
		if (configuredIdempotence != null) {
			idempotent = Boolean.parseBoolean(String.valueOf(configuredIdempotence).trim());
		}
		else {
			offBecause = conflict(config, acks);
			idempotent = offBecause == null;
		}
		String prefix = (transactionIdPrefix != null) ? transactionIdPrefix
				: transactional ? String.valueOf(config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) : null;
		return new ProducerProfile(name, acks, source(configuredAcks), idempotent, source(configuredIdempotence),
				offBecause, prefix, ClusterConnection.of(config));
	}

	/**
	 * Whether the producers write in transactions.
	 * @return {@code true} when a transaction id (prefix) is set
	 */
	public boolean transactional() {
		return this.transactionIdPrefix != null;
	}

	// The client disables the idempotence it defaults to when one of these conflicts
	// (ProducerConfig#postProcessAndValidateIdempotenceConfigs), with an INFO line only.
	private static @Nullable String conflict(Map<String, Object> config, Acks acks) {
		if (acks != Acks.ALL) {
			return "acks=" + acks.value();
		}
		long retries = number(config, ProducerConfig.RETRIES_CONFIG);
		if (retries == 0) {
			return "retries=0";
		}
		long inFlight = number(config, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
		if (inFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
			return "max.in.flight.requests.per.connection=" + inFlight;
		}
		return null;
	}

	private static long number(Map<String, Object> config, String key) {
		Object value = config.get(key);
		if (value == null) {
			value = KAFKA_DEFAULTS.get(key);
		}
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(String.valueOf(value).trim());
	}

	private static SettingSource source(@Nullable Object configured) {
		return (configured != null) ? SettingSource.USER : SettingSource.KAFKA_DEFAULT;
	}

}

package io.github.kafkaresilience.groupconfig;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat interval and session timeout the broker applies to one consumer-protocol
 * group, as its {@code GROUP} config resource describes them.
 *
 * @param heartbeatInterval {@code consumer.heartbeat.interval.ms}, or {@code null} when
 * it could not be read
 * @param sessionTimeout {@code consumer.session.timeout.ms}, or {@code null} when it
 * could not be read
 * @param refusal why they could not be read, when the broker refused
 * @param unsupported why the broker has no group configs to read (brokers before Kafka
 * 4.0), or {@code null}
 * @author kafka-resilience
 */
public record GroupProtocolSettings(@Nullable GroupSetting heartbeatInterval, @Nullable GroupSetting sessionTimeout,
		@Nullable BrokerRefusal refusal, @Nullable String unsupported) {

	/**
	 * Settings as read.
	 * @param heartbeatInterval the heartbeat interval, if described
	 * @param sessionTimeout the session timeout, if described
	 * @return the settings
	 */
	public static GroupProtocolSettings read(@Nullable GroupSetting heartbeatInterval,
			@Nullable GroupSetting sessionTimeout) {
		return new GroupProtocolSettings(heartbeatInterval, sessionTimeout, null, null);
	}

	/**
	 * Settings the broker would not describe.
	 * @param refusal why
	 * @return the settings
	 */
	public static GroupProtocolSettings refused(BrokerRefusal refusal) {
		return new GroupProtocolSettings(null, null, refusal, null);
	}

	/**
	 * Settings of a broker that has none to describe.
	 * @param error the broker's answer
	 * @return the settings
	 */
	public static GroupProtocolSettings unsupported(String error) {
		return new GroupProtocolSettings(null, null, null, error + " (group configs need Kafka 4.0 brokers)");
	}

}

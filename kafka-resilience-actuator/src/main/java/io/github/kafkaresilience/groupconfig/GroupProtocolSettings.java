package io.github.kafkaresilience.groupconfig;

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
 * @author kafka-resilience
 */
public record GroupProtocolSettings(@Nullable GroupSetting heartbeatInterval, @Nullable GroupSetting sessionTimeout,
		@Nullable BrokerRefusal refusal) {

	/**
	 * Settings the broker would not describe.
	 * @param refusal why
	 * @return the settings
	 */
	public static GroupProtocolSettings refused(BrokerRefusal refusal) {
		return new GroupProtocolSettings(null, null, refusal);
	}

}

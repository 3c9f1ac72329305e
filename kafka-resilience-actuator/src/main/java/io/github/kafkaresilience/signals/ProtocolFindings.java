package io.github.kafkaresilience.signals;

import java.util.List;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.BrokerRefusal;
import io.github.kafkaresilience.groupconfig.GroupConfigChange;
import io.github.kafkaresilience.groupconfig.GroupConfigKeys;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import io.github.kafkaresilience.groupconfig.GroupSetting;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Findings about what the broker decides for a consumer-protocol group: the heartbeat
 * that paces every hand-over, the settings the application may not read, and what
 * kafka-resilience did with the settings it was asked to set.
 *
 * @author kafka-resilience
 */
final class ProtocolFindings {

	// At or below this, a hand-over waits about as long as under the classic protocol
	// with the starter's defaults (docs/rebalancing.md).
	static final long QUICK_HEARTBEAT_MS = 1000;

	private ProtocolFindings() {
	}

	static void findings(GroupContext context, List<Finding> findings) {
		BrokerRefusal describe = context.observation().describeRefusal();
		if (describe != null) {
			findings.add(describeRefused(context.observation().groupId(), describe, context.consumerProtocol()));
		}
		if (context.consumerProtocol()) {
			GroupProtocolSettings settings = context.observation().brokerSettings();
			if (settings != null && settings.refusal() != null) {
				findings.add(unreadable(context.observation().groupId(), settings.refusal()));
			}
			else if (settings != null && settings.heartbeatInterval() != null
					&& settings.heartbeatInterval().valueMs() > QUICK_HEARTBEAT_MS) {
				findings.add(slowHeartbeat(context.observation().groupId(), settings.heartbeatInterval()));
			}
		}
		for (GroupConfigChange change : context.input.configChanges()) {
			findings.add(change.finding());
		}
	}

	private static Finding slowHeartbeat(String groupId, GroupSetting heartbeat) {
		long ms = heartbeat.valueMs();
		return new Finding(Severity.INFO, "broker-heartbeat",
				"group.protocol=consumer: members learn of every assignment change on their heartbeat, so each "
						+ "partition hand-over waits up to one heartbeat: " + Diagnoses.seconds(ms) + " here ("
						+ GroupConfigKeys.HEARTBEAT_INTERVAL + "=" + ms + " ms, " + heartbeat.source().label()
						+ "), and a rolling restart stalls partitions for that long each time one moves. Fix: let the "
						+ "brokers accept shorter heartbeats (" + GroupConfigKeys.BROKER_MIN_HEARTBEAT_INTERVAL
						+ "=500) and set 500 ms for this group (kafka-configs.sh --alter --entity-type groups "
						+ "--entity-name " + groupId + " --add-config " + GroupConfigKeys.HEARTBEAT_INTERVAL
						+ "=500), or let kafka-resilience set it (kafka.resilience.consumer-protocol.heartbeat-interval"
						+ "=500ms).");
	}

	private static Finding describeRefused(String groupId, BrokerRefusal refusal, boolean consumerProtocol) {
		String needs = (refusal.resourceType() == ResourceType.TOPIC)
				? "DESCRIBE on every topic its members subscribe to, not only this application's"
						+ (consumerProtocol ? " (group.protocol=consumer, KAFKA-18813)" : "")
				: "DESCRIBE on the group";
		return new Finding(Severity.WARN, "group-describe-refused",
				"The broker refused to describe group '" + groupId + "' (" + refusal.error() + "): that needs " + needs
						+ ". Members and assignments of other instances are unknown, so the partitions they "
						+ "own are judged by their lag alone, never STUCK or STOPPED; this application's own "
						+ "consumers and the lag signals are unaffected. Allow it with: " + refusal.aclCommand() + ".");
	}

	private static Finding unreadable(String groupId, BrokerRefusal refusal) {
		return new Finding(Severity.INFO, "broker-settings-unreadable",
				"The broker refused to describe group '" + groupId + "''s " + GroupConfigKeys.HEARTBEAT_INTERVAL
						+ " and " + GroupConfigKeys.SESSION_TIMEOUT + " (" + refusal.error()
						+ "), so the signals cannot say how long a hand-over or an eviction takes here; "
						+ "they assume the broker defaults (5000 and 45000 ms unless changed). " + "Allow it with: "
						+ refusal.aclCommand() + ".");
	}

}

package io.github.kafkaresilience.signals;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import io.github.kafkaresilience.evidence.FailureMessages;
import io.github.kafkaresilience.consumers.BrokerRefusal;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the broker refused to describe: what permission was missing, logged once per
 * change rather than once per refresh.
 *
 * @author kafka-resilience
 */
final class DescribeRefusals {

	private static final Logger logger = LoggerFactory.getLogger(DescribeRefusals.class);

	private final Map<String, BrokerRefusal> logged = new HashMap<>();

	/**
	 * Describing a group needs DESCRIBE on the group and, for a consumer-protocol group,
	 * on every topic its members subscribe to (KAFKA-18813), not only this application's.
	 */
	static BrokerRefusal of(String groupId, AuthorizationException refused) {
		if (refused instanceof TopicAuthorizationException topics) {
			String names = topics.unauthorizedTopics().isEmpty() ? "<each topic of the group>"
					: String.join(",", new TreeSet<>(topics.unauthorizedTopics()));
			return new BrokerRefusal(AclOperation.DESCRIBE, ResourceType.TOPIC, names, error(refused));
		}
		return new BrokerRefusal(AclOperation.DESCRIBE, ResourceType.GROUP, groupId, error(refused));
	}

	/**
	 * Log the refusals that are new or changed since the last call.
	 * @param refusals this refresh's refusals per group
	 */
	void log(Map<String, BrokerRefusal> refusals) {
		refusals.forEach((groupId, refusal) -> {
			if (!refusal.equals(this.logged.put(groupId, refusal))) {
				logger.warn(
						"kafka-resilience: the broker refused to describe group '{}' ({}); its other instances' "
								+ "members and assignments are unknown until it is allowed: {}",
						groupId, refusal.error(), refusal.aclCommand());
			}
		});
		this.logged.keySet().retainAll(refusals.keySet());
	}

	private static String error(AuthorizationException refused) {
		String message = FailureMessages.sanitize(refused.getMessage());
		return refused.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}

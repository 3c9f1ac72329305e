package io.github.kafkaresilience.consumers;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A request the broker refused for lack of permission, named so that the fix can be
 * stated: the operation, the resource, and the ACL that would allow it.
 *
 * @param operation the ACL operation that was missing, e.g.
 * {@link AclOperation#DESCRIBE_CONFIGS}
 * @param resourceType the resource type, e.g. {@link ResourceType#GROUP}
 * @param resourceName the resource's name; several topics are joined by commas
 * @param error the broker's error, without credentials
 * @author kafka-resilience
 */
public record BrokerRefusal(AclOperation operation, ResourceType resourceType, String resourceName, String error) {

	/**
	 * The {@code kafka-acls.sh} arguments that would allow the request, for the
	 * application's principal.
	 * @return the command line fragment
	 */
	public String aclCommand() {
		String resource = switch (this.resourceType) {
			case GROUP -> "--group " + this.resourceName;
			case TOPIC -> "--topic " + String.join(" --topic ", this.resourceName.split(","));
			default -> "--cluster";
		};
		return "kafka-acls.sh --add --allow-principal User:<this application> --operation " + operationName() + " "
				+ resource;
	}

	/**
	 * The operation as {@code kafka-acls.sh} spells it.
	 * @return the name, e.g. {@code DescribeConfigs}
	 */
	public String operationName() {
		StringBuilder name = new StringBuilder();
		for (String word : this.operation.name().split("_")) {
			name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
		}
		return name.toString();
	}

}

package io.github.kafkaresilience.groupconfig;

/**
 * A request the broker refused for lack of permission, named so that the fix can be
 * stated: the operation, the resource, and the ACL that would allow it.
 *
 * @param operation the ACL operation that was missing, e.g. {@code DESCRIBE_CONFIGS}
 * @param resourceType the resource type, e.g. {@code GROUP}
 * @param resourceName the resource's name
 * @param error the broker's error, without credentials
 * @author kafka-resilience
 */
public record BrokerRefusal(String operation, String resourceType, String resourceName, String error) {

	/**
	 * The {@code kafka-acls.sh} arguments that would allow the request, for the
	 * application's principal.
	 * @return the command line fragment
	 */
	public String aclCommand() {
		String operation = switch (this.operation) {
			case "DESCRIBE_CONFIGS" -> "DescribeConfigs";
			case "ALTER_CONFIGS" -> "AlterConfigs";
			case "DESCRIBE" -> "Describe";
			default -> this.operation;
		};
		String resource = switch (this.resourceType) {
			case "GROUP" -> "--group " + this.resourceName;
			case "TOPIC" -> "--topic " + String.join(" --topic ", this.resourceName.split(","));
			default -> "--cluster";
		};
		return "kafka-acls.sh --add --allow-principal User:<this application> --operation " + operation + " "
				+ resource;
	}

}

package io.github.kafkaresilience.signals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import io.github.kafkaresilience.consumers.ListenerSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Whether this application's consumers can fetch from a replica in their own rack (zone):
 * the brokers advertise racks, the consumer must name its own among them.
 *
 * @author kafka-resilience
 */
final class RackFindings {

	private RackFindings() {
	}

	static void findings(GroupContext context, List<Finding> findings) {
		Set<String> advertised = context.observation().brokerRacks();
		if (advertised == null || advertised.isEmpty()) {
			// No broker advertises a rack: there is no nearer replica to fetch from.
			return;
		}
		Set<String> racks = new TreeSet<>(advertised);
		for (LocalListener listener : context.input.listeners()) {
			ListenerSettings settings = listener.settings();
			if (settings == null) {
				continue;
			}
			String rack = settings.value(ConsumerConfig.CLIENT_RACK_CONFIG)
				.filter((value) -> !value.isBlank())
				.orElse(null);
			if (rack == null) {
				findings.add(new Finding(Severity.INFO, "client-rack-missing", "Listener '" + listener.listenerId()
						+ "' has no client.rack, while the brokers advertise the racks " + racks + ": it fetches "
						+ "every partition from its leader, across zones for most of them. Where the brokers run "
						+ "replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector, give it "
						+ "this instance's zone: kafka.resilience.rack.id, or the environment variable named by "
						+ "kafka.resilience.rack.environment-variable (KAFKA_CLIENT_RACK by default)."));
			}
			else if (!racks.contains(rack)) {
				findings.add(new Finding(Severity.WARN, "client-rack-unknown",
						"Listener '" + listener.listenerId() + "' has client.rack=" + rack + ", but the brokers "
								+ "advertise only the racks " + racks + ": no replica is in its rack, so it fetches "
								+ "from the leaders as if it had none. Make the zone the deployment puts in "
								+ "client.rack match the brokers' broker.rack."));
			}
		}
	}

}

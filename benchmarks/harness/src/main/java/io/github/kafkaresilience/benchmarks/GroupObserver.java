package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

/**
 * Reads the consumer group through the Admin client, so the driver can wait for the group
 * to be stable and for a restarted instance to be back.
 *
 * @author kafka-resilience
 */
final class GroupObserver {

	private final Admin admin;

	private final String group;

	GroupObserver(Admin admin, String group) {
		this.admin = admin;
		this.group = group;
	}

	ConsumerGroupDescription describe() throws Exception {
		return this.admin.describeConsumerGroups(List.of(this.group)).all().get(5, TimeUnit.SECONDS).get(this.group);
	}

	/**
	 * Wait until the group is stable with the expected members and every partition
	 * assigned.
	 */
	boolean awaitStable(int members, int partitions, Duration timeout) {
		return Harness.eventually(timeout, () -> {
			ConsumerGroupDescription description = describe();
			return description.groupState() == GroupState.STABLE && description.members().size() == members
					&& description.members()
						.stream()
						.flatMap((member) -> member.assignment().topicPartitions().stream())
						.distinct()
						.count() == partitions;
		});
	}

	/**
	 * The member ids an instance's consumers have now, empty if the group cannot be read.
	 */
	Set<String> memberIdsOf(ConsumerInstance instance) {
		try {
			return membersOf(describe(), instance).stream()
				.map(MemberDescription::consumerId)
				.collect(Collectors.toSet());
		}
		catch (Exception ex) {
			return Set.of();
		}
	}

	/**
	 * Wait until an instance is back: a member with the instance's client id and a member
	 * id it did not have before is in the group and, for {@link Back#ASSIGNED}, holds
	 * partitions while the new incarnation has consumed.
	 */
	boolean awaitHealthy(ConsumerInstance instance, Set<String> previousMemberIds, Back when, Duration timeout) {
		return Harness.eventually(timeout,
				() -> instance.isAlive()
						&& membersOf(describe(), instance).stream()
							.anyMatch((member) -> !previousMemberIds.contains(member.consumerId())
									&& (when == Back.JOINED || !member.assignment().topicPartitions().isEmpty()))
						&& (when == Back.JOINED || instance.hasConsumed()));
	}

	/**
	 * When a restarted instance counts as back, as a readiness probe would say.
	 */
	enum Back {

		/**
		 * Its consumer holds partitions and has consumed: readiness with the startup
		 * gate.
		 */
		ASSIGNED,

		/**
		 * Its consumer is a member of the group: readiness at context start, a little
		 * later.
		 */
		JOINED

	}

	// Spring Kafka suffixes the client id prefix with -n per consumer.
	private static List<MemberDescription> membersOf(ConsumerGroupDescription description, ConsumerInstance instance) {
		return description.members()
			.stream()
			.filter((member) -> member.clientId().startsWith(instance.name() + "-"))
			.toList();
	}

}

package io.github.kafkaresilience.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Polls the consumer group through the Admin client and keeps the latest view, so the
 * driver can wait for the group to be stable and for a restarted instance to be back.
 * Every change is written to {@code group-observations.csv}.
 *
 * @author kafka-resilience
 */
final class GroupObserver implements AutoCloseable {

	private final Admin admin;

	private final String group;

	private final BufferedWriter log;

	private final Thread thread = new Thread(this::poll, "group-observer");

	private volatile boolean running = true;

	private volatile GroupView latest = new GroupView("UNKNOWN", List.of());

	GroupObserver(Admin admin, String group, Path log) throws IOException {
		this.admin = admin;
		this.group = group;
		this.log = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
		this.log.write("atMs,state,members");
		this.log.newLine();
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void poll() {
		String previous = null;
		while (this.running) {
			try {
				ConsumerGroupDescription description = this.admin.describeConsumerGroups(List.of(this.group))
					.all()
					.get(5, TimeUnit.SECONDS)
					.get(this.group);
				GroupView view = new GroupView(description.groupState().toString(),
						description.members()
							.stream()
							.map(Member::of)
							.sorted(Comparator.comparing(Member::clientId))
							.toList());
				this.latest = view;
				String line = view.state() + ","
						+ view.members().stream().map(Member::toString).collect(Collectors.joining(";"));
				if (!line.equals(previous)) {
					this.log.write(System.currentTimeMillis() + "," + line);
					this.log.newLine();
					this.log.flush();
					previous = line;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				// Retried on the next tick; the broker may be busy with a rebalance.
			}
			Harness.sleep(Duration.ofMillis(250));
		}
	}

	GroupView latest() {
		return this.latest;
	}

	/**
	 * Wait until the group is stable with the expected members and every partition
	 * assigned.
	 */
	boolean awaitStable(int members, int partitions, Duration timeout) {
		return await((view) -> view.state().equals(GroupState.STABLE.toString()) && view.members().size() == members
				&& view.members().stream().flatMap((m) -> m.partitions().stream()).distinct().count() == partitions,
				timeout);
	}

	/**
	 * Wait until an instance is back: a member with the instance's client id and a member
	 * id it did not have before holds partitions, and the new incarnation consumed.
	 */
	boolean awaitHealthy(ConsumerInstance instance, Set<String> previousMemberIds, Duration timeout) {
		return await((view) -> instance.isAlive() && view.membersOf(instance.name())
			.stream()
			.anyMatch((member) -> !previousMemberIds.contains(member.memberId()) && !member.partitions().isEmpty())
				&& instance.hasConsumed(), timeout);
	}

	private boolean await(Predicate<GroupView> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.test(this.latest)) {
				return true;
			}
			Harness.sleep(Duration.ofMillis(50));
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.running = false;
		Harness.join(this.thread, Duration.ofSeconds(10));
		this.log.close();
	}

	record GroupView(String state, List<Member> members) {

		List<Member> membersOf(String instance) {
			// Spring Kafka suffixes the client id prefix with -n per consumer.
			return this.members.stream().filter((member) -> member.clientId().startsWith(instance + "-")).toList();
		}

		Set<String> memberIdsOf(String instance) {
			return membersOf(instance).stream().map(Member::memberId).collect(Collectors.toSet());
		}

	}

	record Member(String clientId, String memberId, String instanceId, Set<Integer> partitions) {

		static Member of(MemberDescription description) {
			return new Member(description.clientId(), description.consumerId(),
					description.groupInstanceId().orElse(""),
					description.assignment()
						.topicPartitions()
						.stream()
						.map(TopicPartition::partition)
						.collect(Collectors.toCollection(TreeSet::new)));
		}

		@Override
		public String toString() {
			return this.clientId + "/" + this.instanceId + "/" + this.memberId + "="
					+ this.partitions.stream().map(String::valueOf).collect(Collectors.joining(" "));
		}

	}

}

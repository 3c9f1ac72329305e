package io.github.kafkaresilience.signals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

/**
 * Every diagnosis sentence, in one place so the wording can be reviewed as a whole. Each
 * names the likely cause and the fix.
 *
 * @author kafka-resilience
 */
final class Diagnoses {

	private static final int NAMED_PARTITIONS = 5;

	private Diagnoses() {
	}

	static String failedListener(LocalListener listener) {
		return "Listener '" + listener.listenerId() + "' stopped by itself" + reason(listener) + ": "
				+ fixForStop(listener.stopReason());
	}

	static String rebalancing(GroupObservation observation) {
		List<GroupObservation.Member> behind = observation.behindTargetAssignment();
		if (!behind.isEmpty()) {
			String members = behind.stream()
				.limit(5)
				.map((member) -> member.clientId() + " on " + member.host() + " at epoch " + member.memberEpoch())
				.collect(Collectors.joining(", ")) + ((behind.size() > 5) ? ", …" : "");
			return "The group is rebalancing (state " + observation.state() + "): " + behind.size() + " of "
					+ observation.members().size() + " members have not reached the target assignment (epoch "
					+ observation.targetAssignmentEpoch() + ") yet: " + members + ". Each gives up the partitions "
					+ "others are waiting for inside its next poll; one that stays behind is not polling (a blocked "
					+ "listener call, or a batch longer than the heartbeat).";
		}
		return "The group is rebalancing (state " + observation.state()
				+ "); its partitions resume when the new assignment is in place. If this repeats, check the "
				+ "rebalance rate and the poll interval.";
	}

	static String pollLoopBlocked(double lastPollSeconds, double ratio) {
		return "The poll loop has not returned for " + Math.round(lastPollSeconds) + " s (" + percent(ratio)
				+ " of max.poll.interval.ms): a listener call is blocked. Take a thread dump and look "
				+ "at the listener thread; move slow or blocking work off the poll thread.";
	}

	static String evicted(List<LocalListener> running, @Nullable Double lastPollSeconds) {
		return "Listener " + ids(running) + " runs but has no member in the group: "
				+ "its consumers were evicted for exceeding max.poll.interval.ms"
				+ ((lastPollSeconds != null) ? " (last poll " + Math.round(lastPollSeconds) + " s ago)" : "")
				+ " because a listener call does not return. Take a thread dump and look at the listener "
				+ "thread; move slow or blocking work off the poll thread.";
	}

	static String noConsumer(long lag, List<LocalListener> stoppedOnRequest) {
		String who = stoppedOnRequest.isEmpty() ? ""
				: " Listener " + ids(stoppedOnRequest) + " was stopped on request.";
		return "No consumer is in the group while " + lag + " records wait." + who + " Start a consumer for the group.";
	}

	static String noLiveOwner(List<TopicPartition> partitions, List<LocalListener> stoppedOnRequest) {
		return partitions.size() + " partition(s) with lag have no live owner (" + names(partitions) + ")"
				+ (stoppedOnRequest.isEmpty() ? "" : "; listener " + ids(stoppedOnRequest) + " was stopped on request")
				+ ". Start the stopped consumer, or wait for the departed static member to return or for "
				+ "session.timeout.ms to expire.";
	}

	static String poison(TopicPartition partition, PartitionFailure failure, @Nullable String listenerId,
			List<TopicPartition> behind) {
		return "Record " + name(partition) + " at offset " + failure.offset() + " keeps failing"
				+ ((listenerId != null) ? " in listener '" + listenerId + "'" : "") + " (" + failure.attempts()
				+ " attempts over " + Math.max(1, failure.failingForMs() / 1000) + " s, last "
				+ failure.exceptionSimpleName() + ((failure.message() != null) ? ": " + failure.message() : "") + ")"
				+ waitingBehind(behind)
				+ ". Fix the cause, or let the error handler give up on the record: a bounded back-off with a "
				+ "dead-letter recoverer.";
	}

	static String blockedCall(TopicPartition partition, long offset, long runningMs, @Nullable String listenerId,
			List<TopicPartition> behind) {
		return "A call of listener " + ((listenerId != null) ? "'" + listenerId + "'" : "") + " has not returned for "
				+ Math.max(1, runningMs / 1000) + " s (record " + name(partition) + " at offset " + offset + ")"
				+ waitingBehind(behind) + ": the listener is blocked. Take a thread dump and look at the "
				+ "listener thread; put a timeout on the call it waits for.";
	}

	static String memberStalled(GroupObservation.Member member, boolean local, List<TopicPartition> partitions,
			@Nullable Instant lastProgress, long spanSeconds, @Nullable Long sessionTimeoutMs,
			boolean consumerProtocol) {
		String since = (lastProgress != null) ? "since " + lastProgress : "for at least " + spanSeconds + " s";
		String who = "Member " + member.clientId()
				+ ((member.instanceId() != null) ? " (instance " + member.instanceId() + ")" : "") + " on "
				+ member.host();
		if (local) {
			return who + " has completed nothing on its partitions with lag (" + names(partitions) + ") " + since
					+ " although it polls: check that the listener acknowledges its records and that nothing "
					+ "filters them away.";
		}
		String key = consumerProtocol ? "consumer.session.timeout.ms" : "session.timeout.ms";
		String session = (sessionTimeoutMs != null) ? key + " (" + sessionTimeoutMs + " ms)" : "its session timeout";
		return who + " has made no progress on any of its partitions with lag (" + names(partitions) + ") " + since
				+ ": it is blocked, paused, or gone (a kill -9 or an OOM kill leaves it listed). If it is gone, the "
				+ "broker moves its partitions once " + session + " passes without a heartbeat; if it runs, "
				+ "look at that instance's own kafkaconsumers endpoint.";
	}

	static String paused(List<TopicPartition> partitions, @Nullable String listenerId, Instant since, boolean all) {
		return ((listenerId != null) ? "Listener '" + listenerId + "'" : "This application") + " has "
				+ (all ? "paused its container" : "paused " + partitions.size() + " partition(s)") + " ("
				+ names(partitions) + ") on request since " + since
				+ ": their lag waits until they are resumed. Nothing is wrong unless the pause was not meant to last.";
	}

	static String slow(double recentRate, int partitions) {
		return "Lag is rising by " + Math.max(1, Math.round(recentRate))
				+ " records/s while offsets advance: processing is slower than production. Add consumers (up "
				+ "to the " + partitions + " partitions), lower the cost per record, or move slow work "
				+ "off the poll thread.";
	}

	static String catchingUp(double recentRate, @Nullable Long catchUpSeconds) {
		return "Lag is falling by " + Math.max(1, Math.round(-recentRate)) + " records/s"
				+ ((catchUpSeconds != null) ? "; caught up in about " + catchUpSeconds + " s" : "")
				+ ". A healthy catch-up after a spike or a restart: nothing to do.";
	}

	static String collecting(boolean enoughData, long minimumSpanSeconds, long spanSeconds) {
		return enoughData ? "Not enough data." : "Collecting data: verdicts need " + minimumSpanSeconds
				+ " s of samples, " + spanSeconds + " s so far.";
	}

	static String moving() {
		return "Partitions are moving between members.";
	}

	static String ok(long lag) {
		return (lag == 0) ? "Consuming as fast as records arrive; no lag."
				: "Lag is steady at " + lag + " records while offsets advance.";
	}

	static String fixForStop(@Nullable Reason reason) {
		if (reason == null) {
			return "check the application log for the error that stopped it, then restart the container.";
		}
		return switch (reason) {
			case FENCED -> "another consumer took its group.instance.id. Give every consumer a unique id "
					+ "(check that no two pods share a name) and restart it.";
			case AUTH -> "the broker refused its credentials. Fix the security configuration and restart it.";
			case NO_OFFSET -> "it has no committed offset and auto.offset.reset is none. Set an offset reset "
					+ "policy or commit offsets for the group.";
			case ERROR -> "an Error escaped the listener and killed the consumer thread (see the log). Fix the "
					+ "cause; a restart brings the consumer back.";
			default -> "check the application log for the error that stopped it, then restart the container.";
		};
	}

	static String reason(LocalListener listener) {
		return (listener.stopReason() != null) ? " (" + listener.stopReason() + ")" : "";
	}

	static String ids(List<LocalListener> listeners) {
		return listeners.stream()
			.map((listener) -> "'" + listener.listenerId() + "'")
			.collect(Collectors.joining(", "));
	}

	static String names(List<TopicPartition> partitions) {
		return partitions.stream().limit(NAMED_PARTITIONS).map(Diagnoses::name).collect(Collectors.joining(", "))
				+ ((partitions.size() > NAMED_PARTITIONS) ? ", ..." : "");
	}

	static String name(TopicPartition partition) {
		return partition.topic() + "-" + partition.partition();
	}

	static String seconds(long ms) {
		return ((ms % 1000 == 0) ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
	}

	static String percent(double ratio) {
		return Math.round(ratio * 100) + " %";
	}

	private static String waitingBehind(List<TopicPartition> behind) {
		return behind.isEmpty() ? "" : "; " + behind.size()
				+ " other partition(s) of the same consumer wait behind it (" + names(behind) + ")";
	}

}

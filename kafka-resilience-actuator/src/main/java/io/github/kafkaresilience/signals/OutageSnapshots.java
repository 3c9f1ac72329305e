package io.github.kafkaresilience.signals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.github.kafkaresilience.consumers.ConsumerIncidents;
import io.github.kafkaresilience.rebalance.RebalanceHistory;
import org.apache.kafka.common.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot of a refresh the broker did not answer: what the application knows about
 * itself stays current, what only the broker knows stays as last seen, and every group
 * says the verdict is unknown and why.
 *
 * @author kafka-resilience
 */
final class OutageSnapshots {

	private static final Logger logger = LoggerFactory.getLogger(OutageSnapshots.class);

	private final RebalanceHistory history;

	private final ConsumerIncidents incidents;

	private final SignalsSettings settings;

	OutageSnapshots(RebalanceHistory history, ConsumerIncidents incidents, SignalsSettings settings) {
		this.history = history;
		this.incidents = incidents;
		this.settings = settings;
	}

	/**
	 * Why a read of the broker failed, in a few words.
	 * @param ex the failure
	 * @return the error
	 */
	String error(Exception ex) {
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		String error = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		if (ex instanceof TimeoutException) {
			error = "broker did not answer within " + this.settings.requestTimeout().toMillis() + " ms";
		}
		logger.debug("kafka-resilience: consumer signals refresh failed: {}", error);
		return error;
	}

	/**
	 * The groups of a cluster the broker did not answer for.
	 * @param now the time of the refresh
	 * @param byGroup the groups and their local listeners
	 * @param error why the read failed
	 * @param previous the last snapshot
	 * @return the groups' signals
	 */
	List<GroupSignals> groups(Instant now, Map<String, List<LocalListener>> byGroup, String error,
			SignalsSnapshot previous) {
		String since = (previous.refreshedAt() != null) ? " Showing data from " + previous.refreshedAt() + "."
				: " No broker data yet.";
		List<GroupSignals> groups = new ArrayList<>();
		for (Map.Entry<String, List<LocalListener>> entry : byGroup.entrySet()) {
			String groupId = entry.getKey();
			// What the application knows about itself stays current; what only the broker
			// knows stays as last seen.
			GroupObservation unknown = new GroupObservation(groupId, GroupState.UNKNOWN,
					LocalListener.protocolOf(entry.getValue()), List.of(), Set.of(), Map.of(), Map.of(), Map.of());
			GroupSignals local = GroupEvaluator.evaluate(new GroupEvaluator.Input(now, unknown, List.of(),
					entry.getValue(), this.history.events(groupId), this.history.rebalances(groupId),
					this.history.rebalanceTimes(groupId), this.incidents.forGroup(groupId), this.settings));
			GroupSignals last = previous.group(groupId).orElse(local);
			boolean failed = entry.getValue().stream().anyMatch(LocalListener::failed);
			Verdict status = failed ? Verdict.STOPPED : Verdict.UNKNOWN;
			String diagnosis = "Broker unreachable (" + error + "): the verdict is unknown." + since;
			if (failed) {
				diagnosis = local.diagnosis() + " The broker is unreachable too (" + error + ").";
			}
			groups.add(new GroupSignals(groupId, status, status, diagnosis, last.protocol(), last.lag(),
					local.rebalances(), local.poll(), last.membership(), local.findings(), local.listeners(),
					last.capacity(), last.losses(), last.brokerSettings(), last.view()));
		}
		return groups;
	}

}

package io.github.kafkaresilience.signals;

import java.util.List;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.jspecify.annotations.Nullable;

/**
 * The four signals of one consumer group, its verdict and one sentence of diagnosis.
 *
 * @param groupId the group
 * @param status the verdict for the whole group; every instance consuming the group
 * reports the same
 * @param localStatus the verdict for this application's own consumers only: what
 * restarting this instance could change, and what its health reflects
 * @param diagnosis the likely cause and the fix, in one sentence
 * @param protocol {@code classic} or {@code consumer} (KIP-848)
 * @param lag lag per partition and its rate
 * @param rebalances rebalance count, rate and last duration
 * @param poll time between polls against {@code max.poll.interval.ms}
 * @param membership consumers against partitions
 * @param findings what else deserves attention
 * @param listeners this application's listener containers in the group
 * @param capacity production and consumption rates, time behind, consumers needed
 * @param losses records lost before they were read, or given up on
 * @param brokerSettings the heartbeat interval and session timeout the broker applies to
 * a consumer-protocol group, with their sources; {@code null} for a classic group or
 * before they were read
 * @param view whether these signals cover the whole group or only this instance's
 * partitions
 * @author kafka-resilience
 */
public record GroupSignals(String groupId, Verdict status, Verdict localStatus, String diagnosis,
		GroupProtocol protocol, LagSignals lag, RebalanceSignals rebalances, PollSignals poll,
		MembershipSignals membership, List<Finding> findings, List<ListenerSignals> listeners, CapacitySignals capacity,
		LossSignals losses, @Nullable GroupProtocolSettings brokerSettings, GroupView view) {

	public GroupSignals {
		findings = List.copyOf(findings);
		listeners = List.copyOf(listeners);
	}

	/**
	 * Signals of a group scanned whole.
	 * @param groupId the group
	 * @param status the verdict for the whole group
	 * @param localStatus the verdict for this application's own consumers only
	 * @param diagnosis the likely cause and the fix
	 * @param protocol the group protocol
	 * @param lag lag per partition and its rate
	 * @param rebalances rebalance count, rate and last duration
	 * @param poll time between polls against {@code max.poll.interval.ms}
	 * @param membership consumers against partitions
	 * @param findings what else deserves attention
	 * @param listeners this application's listener containers in the group
	 * @param capacity production and consumption rates, time behind, consumers needed
	 * @param losses records lost before they were read, or given up on
	 * @param brokerSettings the broker's settings of a consumer-protocol group, or
	 * {@code null}
	 */
	public GroupSignals(String groupId, Verdict status, Verdict localStatus, String diagnosis, GroupProtocol protocol,
			LagSignals lag, RebalanceSignals rebalances, PollSignals poll, MembershipSignals membership,
			List<Finding> findings, List<ListenerSignals> listeners, CapacitySignals capacity, LossSignals losses,
			@Nullable GroupProtocolSettings brokerSettings) {
		this(groupId, status, localStatus, diagnosis, protocol, lag, rebalances, poll, membership, findings, listeners,
				capacity, losses, brokerSettings, GroupView.wholeGroup(membership.partitions()));
	}

	/**
	 * The same signals with another view.
	 * @param view the view
	 * @return the signals
	 */
	public GroupSignals withView(GroupView view) {
		return new GroupSignals(this.groupId, this.status, this.localStatus, this.diagnosis, this.protocol, this.lag,
				this.rebalances, this.poll, this.membership, this.findings, this.listeners, this.capacity, this.losses,
				this.brokerSettings, view);
	}

}

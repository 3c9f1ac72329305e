package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.kafkaresilience.evidence.PartitionEvidence;
import io.github.kafkaresilience.groupconfig.GroupProtocolSettings;
import io.github.kafkaresilience.signals.LagWindow.Sample;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * One evaluation's facts about a group, looked up once: the lag samples and the one
 * progress is judged against, who owns each partition, and what this application's own
 * listeners saw of them.
 *
 * @author kafka-resilience
 */
final class GroupContext {

	private static final Set<GroupState> REBALANCING_STATES = Set.of(GroupState.PREPARING_REBALANCE,
			GroupState.COMPLETING_REBALANCE, GroupState.ASSIGNING, GroupState.RECONCILING);

	final GroupEvaluator.Input input;

	final Instant now;

	final List<Sample> samples;

	final @Nullable Sample reference;

	final @Nullable Sample latest;

	final Duration span;

	final boolean enoughData;

	final boolean rebalancing;

	final boolean readCommitted;

	private final Map<TopicPartition, GroupObservation.Member> owners = new HashMap<>();

	private final Set<String> localClients = new HashSet<>();

	private final Set<String> instrumentedClients = new HashSet<>();

	private final Map<TopicPartition, PartitionEvidence> evidence = new HashMap<>();

	private final Map<TopicPartition, Long> pausedSince = new HashMap<>();

	private final Map<TopicPartition, Long> positionLag = new HashMap<>();

	GroupContext(GroupEvaluator.Input input) {
		this.input = input;
		this.now = input.now();
		this.samples = input.samples();
		this.latest = this.samples.isEmpty() ? null : this.samples.get(this.samples.size() - 1);
		this.span = this.samples.isEmpty() ? Duration.ZERO
				: Duration.between(this.samples.get(0).time(), this.latest.time());
		Duration minimumSpan = input.settings().minimumSpan();
		this.enoughData = this.span.compareTo(minimumSpan) >= 0;
		// Progress is judged against the newest sample at least minimumSpan old, so that
		// a consumer that stopped half a window ago shows it then, not a whole window
		// later.
		this.reference = this.enoughData ? reference(this.samples, minimumSpan) : null;
		this.rebalancing = REBALANCING_STATES.contains(input.observation().state());
		input.observation()
			.members()
			.forEach((member) -> member.assignment().forEach((partition) -> this.owners.put(partition, member)));
		boolean readCommitted = false;
		for (LocalListener listener : input.listeners()) {
			this.localClients.addAll(listener.clientIds());
			ListenerEvidence seen = listener.evidence();
			if (seen.instrumented()) {
				this.instrumentedClients.addAll(listener.clientIds());
			}
			seen.progress().forEach(this.evidence::put);
			seen.pausedSince().forEach(this.pausedSince::put);
			seen.positionLag().forEach(this.positionLag::put);
			readCommitted |= seen.readCommitted();
		}
		this.readCommitted = readCommitted;
	}

	GroupObservation observation() {
		return this.input.observation();
	}

	SignalsSettings settings() {
		return this.input.settings();
	}

	GroupObservation.@Nullable Member owner(TopicPartition partition) {
		return this.owners.get(partition);
	}

	/**
	 * Whether a member is one of this application's consumers.
	 */
	boolean isLocal(GroupObservation.Member member) {
		return this.localClients.contains(member.clientId());
	}

	/**
	 * Whether a partition's owner is a running consumer: a local consumer whose container
	 * stopped is listed by the broker until its session expires, but consumes nothing.
	 */
	boolean hasLiveOwner(TopicPartition partition) {
		GroupObservation.Member owner = owner(partition);
		return owner != null
				&& this.input.listeners().stream().noneMatch((listener) -> !listener.running() && listener.owns(owner));
	}

	/**
	 * Whether a member is one of this application's consumers whose listener calls
	 * kafka-resilience records: its partitions are judged by what the application saw.
	 */
	boolean isInstrumented(GroupObservation.Member member) {
		return this.instrumentedClients.contains(member.clientId());
	}

	@Nullable PartitionEvidence evidence(TopicPartition partition) {
		return this.evidence.get(partition);
	}

	@Nullable Long pausedSince(TopicPartition partition) {
		return this.pausedSince.get(partition);
	}

	@Nullable Long positionLag(TopicPartition partition) {
		return this.positionLag.get(partition);
	}

	long lag(TopicPartition partition) {
		return observation().lag(partition);
	}

	/**
	 * Whether the group's committed offset of a partition moved since the reference
	 * sample.
	 */
	boolean committedAdvanced(TopicPartition partition) {
		if (this.reference == null || this.latest == null) {
			return false;
		}
		Long before = this.reference.committed().get(partition);
		Long now = this.latest.committed().get(partition);
		return now != null && (before == null || now > before);
	}

	/**
	 * Whether nothing was written to a partition since the reference sample.
	 */
	boolean endUnchanged(TopicPartition partition) {
		return this.reference != null && this.latest != null && this.reference.ends().containsKey(partition)
				&& this.reference.ends().get(partition).equals(this.latest.ends().get(partition));
	}

	/**
	 * A partition's lag at the reference sample.
	 */
	long referenceLag(TopicPartition partition) {
		return (this.reference != null) ? this.reference.lag().getOrDefault(partition, 0L) : 0;
	}

	/**
	 * Change of a partition's lag since the reference sample.
	 */
	long lagChange(TopicPartition partition) {
		if (this.reference == null || this.latest == null) {
			return 0;
		}
		return this.latest.lag().getOrDefault(partition, 0L) - this.reference.lag().getOrDefault(partition, 0L);
	}

	/**
	 * Change of the group's total lag since the reference sample, or {@code null} without
	 * enough data.
	 */
	@Nullable Long totalLagChange() {
		if (this.reference == null || this.latest == null) {
			return null;
		}
		// Paused partitions fill up on purpose, and lag behind an open transaction cannot
		// be
		// read: their growth says nothing about speed.
		long change = 0;
		for (Map.Entry<TopicPartition, Long> entry : this.latest.lag().entrySet()) {
			if (!this.pausedSince.containsKey(entry.getKey()) && !positionAtEnd(entry.getKey())) {
				change += entry.getValue() - this.reference.lag().getOrDefault(entry.getKey(), 0L);
			}
		}
		return change;
	}

	/**
	 * Under read_committed, the consumer's own position has reached the end it may read,
	 * so what lag remains is commit markers, aborted records, or a transaction still
	 * open: lag no consumer can take, which says nothing about its speed.
	 */
	boolean positionAtEnd(TopicPartition partition) {
		Long lag = this.positionLag.get(partition);
		PartitionEvidence seen = this.evidence.get(partition);
		return this.readCommitted && lag != null && lag == 0 && (seen == null || seen.inFlight() == null);
	}

	/**
	 * An effective consumer setting of this application's listeners in the group, as the
	 * first listener with settings reports it.
	 */
	Optional<String> setting(String key) {
		return this.input.listeners()
			.stream()
			.map(LocalListener::settings)
			.filter(Objects::nonNull)
			.map((settings) -> settings.value(key))
			.flatMap(Optional::stream)
			.findFirst();
	}

	/**
	 * Whether the group runs the consumer group protocol (KIP-848), as the broker
	 * describes it or, before the group has formed, as this application's listeners join
	 * it.
	 */
	boolean consumerProtocol() {
		return observation().protocol() == GroupProtocol.CONSUMER
				|| LocalListener.anyOnConsumerProtocol(this.input.listeners());
	}

	/**
	 * The session timeout that evicts a silent member: the broker's for a
	 * consumer-protocol group, when read, else the listeners' own setting.
	 */
	@Nullable Long sessionTimeoutMs() {
		GroupProtocolSettings broker = observation().brokerSettings();
		if (broker != null && broker.sessionTimeout() != null) {
			return broker.sessionTimeout().valueMs();
		}
		return setting(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG).map(Long::valueOf).orElse(null);
	}

	/**
	 * The local listener whose consumers recorded the partition, if any.
	 */
	@Nullable LocalListener listenerOf(TopicPartition partition) {
		return this.input.listeners()
			.stream()
			.filter((listener) -> listener.evidence().progress().containsKey(partition)
					|| listener.evidence().pausedSince().containsKey(partition))
			.findFirst()
			.orElse(null);
	}

	Duration trendSpan() {
		return (this.reference != null && this.latest != null)
				? Duration.between(this.reference.time(), this.latest.time()) : Duration.ZERO;
	}

	/**
	 * Whether this application's listener completed a record of the partition since the
	 * reference sample.
	 */
	boolean completedRecently(@Nullable PartitionEvidence evidence) {
		return evidence != null && this.reference != null
				&& evidence.lastCompletedAt() >= this.reference.time().toEpochMilli();
	}

	private static Sample reference(List<Sample> samples, Duration minimumSpan) {
		Instant cutoff = samples.get(samples.size() - 1).time().minus(minimumSpan);
		Sample reference = samples.get(0);
		for (Sample sample : samples) {
			if (!sample.time().isAfter(cutoff)) {
				reference = sample;
			}
		}
		return reference;
	}

}

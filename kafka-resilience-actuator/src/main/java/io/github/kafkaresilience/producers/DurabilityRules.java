package io.github.kafkaresilience.producers;

import java.util.ArrayList;
import java.util.List;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.Finding.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The durability rules, one small function each, and every sentence they say: what can
 * lose or duplicate a producer's records, and the fix. Never changes a setting.
 *
 * @author kafka-resilience
 */
final class DurabilityRules {

	static final int SAFE_REPLICATION_FACTOR = 3;

	static final int SAFE_MIN_IN_SYNC_REPLICAS = 2;

	private DurabilityRules() {
	}

	/**
	 * Findings about a producer's own settings.
	 * @param producer the producer
	 * @return its findings
	 */
	static List<Finding> producer(ProducerProfile producer) {
		List<Finding> findings = new ArrayList<>();
		add(findings, weakAcks(producer));
		add(findings, idempotenceOff(producer));
		return findings;
	}

	/**
	 * Findings about a topic a producer writes to.
	 * @param producer the producer
	 * @param topic what the broker says about the topic
	 * @return the findings
	 */
	static List<Finding> topic(ProducerProfile producer, TopicDurability topic) {
		List<Finding> findings = new ArrayList<>();
		if (topic.refusal() != null) {
			findings.add(new Finding(Severity.INFO, "topic-durability-unreadable",
					"Producer '" + producer.name() + "': the broker refused to describe topic '" + topic.topic() + "' ("
							+ topic.refusal().error() + "), so its replication and min.insync.replicas are "
							+ "not checked. Allow it with: " + topic.refusal().aclCommand() + "."));
		}
		if (producer.acks() == Acks.ALL) {
			add(findings, minInSyncTooLow(producer, topic));
			add(findings, replicationTooLow(producer, topic));
		}
		add(findings, uncleanLeaderElection(producer, topic));
		return findings;
	}

	private static @Nullable Finding weakAcks(ProducerProfile producer) {
		if (producer.acks() == Acks.ALL) {
			return null;
		}
		String risk = (producer.acks() == Acks.NONE)
				? "the producer does not wait for the broker at all: a record lost on the way or refused is never "
						+ "known"
				: "a record counts as written once the leader has it; if that broker fails before a follower "
						+ "copies it, the record is lost although the send succeeded";
		return new Finding(Severity.WARN, "producer-acks",
				"Producer '" + producer.name() + "' uses acks=" + producer.acks().value() + " ("
						+ producer.acksSource().label() + "): " + risk + ". Fix: acks=all (spring.kafka.producer.acks"
						+ "=all, Kafka's default) on topics with min.insync.replicas=2 and replication factor 3.");
	}

	private static @Nullable Finding idempotenceOff(ProducerProfile producer) {
		if (producer.idempotent()) {
			return null;
		}
		String why = (producer.idempotenceOffBecause() != null)
				? "the Kafka client turns it off because " + producer.idempotenceOffBecause()
				: "enable.idempotence=false";
		return new Finding(Severity.WARN, "producer-idempotence-off", "Producer '" + producer.name()
				+ "' is not idempotent (" + why + "): a send retried after a lost answer can write the record twice "
				+ "and put records out of order. Fix: enable.idempotence=true "
				+ "(spring.kafka.producer.properties.enable.idempotence=true; it needs acks=all, retries above 0 "
				+ "and max.in.flight.requests.per.connection at most 5).");
	}

	private static @Nullable Finding minInSyncTooLow(ProducerProfile producer, TopicDurability topic) {
		Integer minInSync = topic.minInSyncReplicas();
		if (minInSync == null || minInSync >= SAFE_MIN_IN_SYNC_REPLICAS) {
			return null;
		}
		return new Finding(Severity.WARN, "acks-all-min-insync-low",
				"Producer '" + producer.name() + "' writes topic '" + topic.topic() + "' with acks=all, but its "
						+ "min.insync.replicas is " + minInSync + ": acks=all is effectively acks=1 here, since the "
						+ "leader alone may acknowledge a record, and a single broker loss can lose it. Fix: "
						+ "kafka-configs.sh --alter --entity-type topics --entity-name " + topic.topic()
						+ " --add-config min.insync.replicas=" + SAFE_MIN_IN_SYNC_REPLICAS
						+ " (with a replication factor of at least " + SAFE_REPLICATION_FACTOR + ").");
	}

	private static @Nullable Finding replicationTooLow(ProducerProfile producer, TopicDurability topic) {
		Integer replication = topic.replicationFactor();
		if (replication == null || replication >= SAFE_REPLICATION_FACTOR) {
			return null;
		}
		String risk = (replication < SAFE_MIN_IN_SYNC_REPLICAS)
				? "a single copy of each record: losing that broker loses the records and stops writes"
				: "no room for a broker to be down: with min.insync.replicas=2 writes stop while one replica is "
						+ "away, with 1 a single broker loss can lose acknowledged records";
		return new Finding(Severity.WARN, "replication-factor-low",
				"Producer '" + producer.name() + "' writes topic '" + topic.topic() + "' with acks=all, but the "
						+ "topic has replication factor " + replication + ": " + risk + ". Fix: raise it to "
						+ SAFE_REPLICATION_FACTOR + " with kafka-reassign-partitions.sh, and set "
						+ "min.insync.replicas=" + SAFE_MIN_IN_SYNC_REPLICAS + ".");
	}

	private static @Nullable Finding uncleanLeaderElection(ProducerProfile producer, TopicDurability topic) {
		if (!Boolean.TRUE.equals(topic.uncleanLeaderElection())) {
			return null;
		}
		return new Finding(Severity.WARN, "unclean-leader-election",
				"Topic '" + topic.topic() + "' (written by producer '" + producer.name() + "') has "
						+ "unclean.leader.election.enable=true: a replica that fell behind may become leader and "
						+ "drop records that were acknowledged, whatever acks says. Fix: kafka-configs.sh --alter "
						+ "--entity-type topics --entity-name " + topic.topic()
						+ " --add-config unclean.leader.election.enable=false.");
	}

	private static void add(List<Finding> findings, @Nullable Finding finding) {
		if (finding != null) {
			findings.add(finding);
		}
	}

}

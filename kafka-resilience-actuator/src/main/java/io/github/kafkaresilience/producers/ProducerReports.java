package io.github.kafkaresilience.producers;

import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.producers.ProducerReport.Topic;

/**
 * A producer's report as the log shows it: its settings, each topic's durability and each
 * finding on a line of its own.
 *
 * @author kafka-resilience
 */
final class ProducerReports {

	private ProducerReports() {
	}

	static String describe(ProducerReport report) {
		ProducerProfile profile = report.profile();
		StringBuilder text = new StringBuilder("kafka-resilience producer '").append(profile.name())
			.append("' (")
			.append(profile.connection().bootstrapServers())
			.append("): acks=")
			.append(profile.acks().value())
			.append(" (")
			.append(profile.acksSource().label())
			.append("), enable.idempotence=")
			.append(profile.idempotent())
			.append(" (")
			.append((profile.idempotenceOffBecause() != null) ? "off because " + profile.idempotenceOffBecause()
					: profile.idempotenceSource().label())
			.append("), ")
			.append(profile.transactional() ? "transactional (" + profile.transactionIdPrefix() + ")"
					: "not transactional");
		if (report.topics().isEmpty()) {
			text.append("\n  no topics known yet (kafka.resilience.producers.topics lists them before the first send)");
		}
		for (Topic topic : report.topics()) {
			text.append("\n  topic ").append(topic.topic()).append(" (").append(topic.source().name()).append("): ");
			TopicDurability durability = topic.durability();
			if (durability == null) {
				text.append("not read yet");
			}
			else if (!durability.exists()) {
				text.append("does not exist");
			}
			else {
				text.append("replication factor ")
					.append(durability.replicationFactor())
					.append(", min.insync.replicas ")
					.append(value(durability.minInSyncReplicas()))
					.append(", unclean.leader.election.enable ")
					.append(value(durability.uncleanLeaderElection()));
			}
		}
		for (Finding finding : report.findings()) {
			text.append("\n  ")
				.append(finding.severity())
				.append(' ')
				.append(finding.code())
				.append(": ")
				.append(finding.message());
		}
		return text.toString();
	}

	private static String value(@org.jspecify.annotations.Nullable Object value) {
		return (value != null) ? value.toString() : "unknown";
	}

}

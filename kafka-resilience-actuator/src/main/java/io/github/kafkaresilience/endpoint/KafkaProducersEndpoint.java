package io.github.kafkaresilience.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

import io.github.kafkaresilience.consumers.BrokerRefusal;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.consumers.SettingSource;
import io.github.kafkaresilience.producers.ProducerDurabilityChecker;
import io.github.kafkaresilience.producers.ProducerProfile;
import io.github.kafkaresilience.producers.ProducerReport;
import io.github.kafkaresilience.producers.ProducersSnapshot;
import io.github.kafkaresilience.producers.TopicDurability;
import io.github.kafkaresilience.producers.TopicSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows, per producer factory, how durable its writes
 * are: {@code acks}, idempotence and transactions against the replication of each topic
 * it writes to, with a finding and the fix for whatever can lose or duplicate records.
 * Served from the last background check: a request never waits on the broker.
 *
 * @author kafka-resilience
 */
@Endpoint(id = "kafkaproducers")
public class KafkaProducersEndpoint {

	private final ProducerDurabilityChecker checker;

	/**
	 * Create an endpoint over a checker's results.
	 * @param checker the checker
	 */
	public KafkaProducersEndpoint(ProducerDurabilityChecker checker) {
		this.checker = checker;
	}

	/**
	 * Every producer factory of the application.
	 * @return the producers
	 */
	@ReadOperation
	public KafkaProducersDescriptor producers() {
		ProducersSnapshot snapshot = this.checker.snapshot();
		return new KafkaProducersDescriptor(snapshot.producers().stream().map(ProducerDescriptor::of).toList(),
				(snapshot.checkedAt() != null) ? snapshot.checkedAt().toEpochMilli() : null, snapshot.error());
	}

	/**
	 * All producers and when they were checked.
	 *
	 * @param producers one entry per producer factory, by bean name
	 * @param checkedAt epoch milliseconds of the last check, or {@code null} before the
	 * first
	 * @param error why part of the last check failed, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record KafkaProducersDescriptor(List<ProducerDescriptor> producers, @Nullable Long checkedAt,
			@Nullable String error) implements OperationResponseBody {

	}

	/**
	 * One producer factory.
	 *
	 * @param name its bean name
	 * @param bootstrapServers the cluster it writes to
	 * @param acks {@code 0}, {@code 1} or {@code all}
	 * @param acksSource who chose it
	 * @param idempotent whether its producers are idempotent
	 * @param idempotenceSource who chose it
	 * @param idempotenceOffBecause the setting that made the Kafka client turn
	 * idempotence off, or {@code null}
	 * @param transactional whether its producers write in transactions
	 * @param topics the topics it writes to, as far as known
	 * @param findings what can lose or duplicate its records, with the fix
	 */
	public record ProducerDescriptor(String name, String bootstrapServers, String acks, SettingSource acksSource,
			boolean idempotent, SettingSource idempotenceSource, @Nullable String idempotenceOffBecause,
			boolean transactional, List<TopicDescriptor> topics, List<Finding> findings) {

		static ProducerDescriptor of(ProducerReport report) {
			ProducerProfile profile = report.profile();
			return new ProducerDescriptor(profile.name(), profile.connection().bootstrapServers(),
					profile.acks().value(), profile.acksSource(), profile.idempotent(), profile.idempotenceSource(),
					profile.idempotenceOffBecause(), profile.transactional(),
					report.topics().stream().map(TopicDescriptor::of).toList(), report.findings());
		}

	}

	/**
	 * One topic a producer writes to.
	 *
	 * @param topic the topic
	 * @param source how kafka-resilience knows the producer writes to it
	 * @param read whether the broker was asked yet
	 * @param exists whether it exists, or {@code null} before it was read
	 * @param replicationFactor its smallest replication factor, or {@code null} when
	 * unknown
	 * @param minInSyncReplicas {@code min.insync.replicas}, or {@code null} when unknown
	 * @param uncleanLeaderElection {@code unclean.leader.election.enable}, or
	 * {@code null} when unknown
	 * @param refusal what the broker refused to tell, or {@code null}
	 */
	public record TopicDescriptor(String topic, TopicSource source, boolean read, @Nullable Boolean exists,
			@Nullable Integer replicationFactor, @Nullable Integer minInSyncReplicas,
			@Nullable Boolean uncleanLeaderElection, @Nullable BrokerRefusal refusal) {

		static TopicDescriptor of(ProducerReport.Topic topic) {
			TopicDurability durability = topic.durability();
			if (durability == null) {
				return new TopicDescriptor(topic.topic(), topic.source(), false, null, null, null, null, null);
			}
			return new TopicDescriptor(topic.topic(), topic.source(), true, durability.exists(),
					durability.replicationFactor(), durability.minInSyncReplicas(), durability.uncleanLeaderElection(),
					durability.refusal());
		}

	}

}

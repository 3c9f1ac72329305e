package io.github.kafkaresilience.producers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.kafkaresilience.consumers.ClusterConnection;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Puts together, at each check, what every producer factory writes to: the topics the
 * application declares ({@code NewTopic} beans, on the cluster its {@code KafkaAdmin}
 * manages), the topics listed in configuration, its templates' default topics, and the
 * topics its producers sent to. The first source that names a topic is the one shown.
 *
 * @author kafka-resilience
 */
public final class ProducerTargets implements Supplier<List<ProducerTarget>> {

	private final ProducerFactories factories;

	private final Supplier<Collection<String>> declaredTopics;

	private final ClusterConnection declaredTopicsCluster;

	private final List<String> configuredTopics;

	private final Supplier<Collection<KafkaTemplate<?, ?>>> templates;

	/**
	 * Create the supplier.
	 * @param factories the registered producer factories
	 * @param declaredTopics the names of the application's {@code NewTopic} beans
	 * @param declaredTopicsCluster the cluster they are created on
	 * @param configuredTopics topics listed in configuration, for every producer
	 * @param templates the application's Kafka templates
	 */
	public ProducerTargets(ProducerFactories factories, Supplier<Collection<String>> declaredTopics,
			ClusterConnection declaredTopicsCluster, List<String> configuredTopics,
			Supplier<Collection<KafkaTemplate<?, ?>>> templates) {
		this.factories = factories;
		this.declaredTopics = declaredTopics;
		this.declaredTopicsCluster = declaredTopicsCluster;
		this.configuredTopics = List.copyOf(configuredTopics);
		this.templates = templates;
	}

	@Override
	public List<ProducerTarget> get() {
		Collection<String> declared = this.declaredTopics.get();
		Collection<KafkaTemplate<?, ?>> templates = this.templates.get();
		List<ProducerTarget> targets = new ArrayList<>();
		this.factories.all().forEach((name, registered) -> {
			ProducerFactory<?, ?> factory = registered.factory();
			ProducerProfile profile;
			try {
				profile = ProducerProfile.of(name, factory.getConfigurationProperties(),
						factory.transactionCapable() ? factory.getTransactionIdPrefix() : null);
			}
			catch (IllegalArgumentException ex) {
				// An acks value the Kafka client itself refuses: its own error says so.
				return;
			}
			Map<String, TopicSource> topics = new LinkedHashMap<>();
			if (profile.connection().bootstrapServers().equals(this.declaredTopicsCluster.bootstrapServers())) {
				declared.forEach((topic) -> topics.putIfAbsent(topic, TopicSource.DECLARED));
			}
			this.configuredTopics.forEach((topic) -> topics.putIfAbsent(topic, TopicSource.CONFIGURED));
			for (KafkaTemplate<?, ?> template : templates) {
				if (template.getProducerFactory() == factory && template.getDefaultTopic() != null) {
					topics.putIfAbsent(template.getDefaultTopic(), TopicSource.DEFAULT_TOPIC);
				}
			}
			registered.sentTopics().topics().forEach((topic) -> topics.putIfAbsent(topic, TopicSource.SENT));
			targets.add(new ProducerTarget(profile, topics));
		});
		return targets;
	}

}

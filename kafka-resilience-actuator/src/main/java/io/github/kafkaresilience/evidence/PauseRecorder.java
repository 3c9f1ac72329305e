package io.github.kafkaresilience.evidence;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerPartitionPausedEvent;
import org.springframework.kafka.event.ConsumerPartitionResumedEvent;
import org.springframework.kafka.event.ConsumerPausedEvent;
import org.springframework.kafka.event.ConsumerResumedEvent;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Remembers since when each listener's partitions are paused, from Spring Kafka's pause
 * and resume events, so that a paused partition shows how long it has been held.
 *
 * @author kafka-resilience
 */
public final class PauseRecorder implements ApplicationListener<KafkaEvent> {

	private final Map<String, Map<TopicPartition, Long>> pausedSince = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Create a recorder.
	 * @param clock the clock
	 */
	public PauseRecorder(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(KafkaEvent event) {
		if (event instanceof ConsumerPausedEvent paused) {
			pause(event, paused.getPartitions());
		}
		else if (event instanceof ConsumerPartitionPausedEvent paused) {
			pause(event, List.of(paused.getPartition()));
		}
		else if (event instanceof ConsumerResumedEvent resumed) {
			resume(event, resumed.getPartitions());
		}
		else if (event instanceof ConsumerPartitionResumedEvent resumed) {
			resume(event, List.of(resumed.getPartition()));
		}
	}

	/**
	 * When a partition of a listener was paused, as far as the events tell.
	 * @param listenerId the listener id
	 * @param partition the partition
	 * @return epoch milliseconds, or {@code null} when no pause event was seen
	 */
	public @Nullable Long since(String listenerId, TopicPartition partition) {
		Map<TopicPartition, Long> partitions = this.pausedSince.get(listenerId);
		return (partitions != null) ? partitions.get(partition) : null;
	}

	private void pause(KafkaEvent event, Collection<TopicPartition> partitions) {
		String listenerId = listenerId(event);
		if (listenerId != null) {
			long now = this.clock.millis();
			Map<TopicPartition, Long> since = this.pausedSince.computeIfAbsent(listenerId,
					(id) -> new ConcurrentHashMap<>());
			partitions.forEach((partition) -> since.putIfAbsent(partition, now));
		}
	}

	private void resume(KafkaEvent event, Collection<TopicPartition> partitions) {
		String listenerId = listenerId(event);
		Map<TopicPartition, Long> since = (listenerId != null) ? this.pausedSince.get(listenerId) : null;
		if (since != null) {
			partitions.forEach(since::remove);
		}
	}

	private static @Nullable String listenerId(KafkaEvent event) {
		try {
			return event.getContainer(MessageListenerContainer.class).getListenerId();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}

package io.github.kafkaresilience.producers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.kafkaresilience.consumers.ClusterConnection;
import io.github.kafkaresilience.consumers.Finding;
import io.github.kafkaresilience.signals.AdminClients;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Checks every producer factory's durability settings against the topics it writes to, on
 * its own thread: once at startup, then every interval, reading the broker only for
 * topics it has not read for a while (new topics as soon as a producer sends to them).
 * Logs each producer's report when it changes (the producers' part of the startup report)
 * and keeps the last one for the endpoint. Never changes a setting.
 *
 * @author kafka-resilience
 */
public final class ProducerDurabilityChecker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ProducerDurabilityChecker.class);

	static final Duration TOPIC_SETTINGS_MAX_AGE = Duration.ofMinutes(10);

	private final Supplier<List<ProducerTarget>> targets;

	private final AdminClients admins;

	private final Duration interval;

	private final long timeoutMs;

	private final Clock clock;

	private final Map<ClusterConnection, TopicDurabilityReader> readers = new HashMap<>();

	private final Map<String, String> logged = new HashMap<>();

	private final Map<ClusterConnection, String> loggedErrors = new HashMap<>();

	private volatile ProducersSnapshot snapshot = ProducersSnapshot.EMPTY;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a checker.
	 * @param targets the producer factories and their topics, as known at each check
	 * @param admins creates Admin clients for the producers' clusters
	 * @param interval time between checks
	 * @param requestTimeout longest wait for one broker request
	 * @param clock the clock
	 */
	public ProducerDurabilityChecker(Supplier<List<ProducerTarget>> targets, AdminClients admins, Duration interval,
			Duration requestTimeout, Clock clock) {
		this.targets = targets;
		this.admins = admins;
		this.interval = interval;
		this.timeoutMs = requestTimeout.toMillis();
		this.clock = clock;
	}

	/**
	 * The last check.
	 * @return the snapshot
	 */
	public ProducersSnapshot snapshot() {
		return this.snapshot;
	}

	@Override
	public synchronized void start() {
		if (this.executor == null) {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "kafka-resilience-producers");
				thread.setDaemon(true);
				return thread;
			});
			executor.scheduleWithFixedDelay(this::checkSafely, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
			this.executor = executor;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void checkSafely() {
		try {
			check();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.warn("kafka-resilience: checking the producers' durability failed", ex);
		}
	}

	/**
	 * Check every producer once.
	 * @throws InterruptedException if interrupted while waiting for the broker
	 */
	void check() throws InterruptedException {
		Instant now = this.clock.instant();
		Map<ClusterConnection, List<ProducerTarget>> byCluster = new LinkedHashMap<>();
		for (ProducerTarget target : this.targets.get()) {
			byCluster.computeIfAbsent(this.admins.resolve(target.profile().connection()), (c) -> new ArrayList<>())
				.add(target);
		}
		this.readers.keySet().retainAll(byCluster.keySet());
		List<ProducerReport> reports = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		byCluster.forEach((connection, producers) -> {
			Set<String> topics = new TreeSet<>();
			producers.forEach((producer) -> topics.addAll(producer.topics().keySet()));
			Map<String, TopicDurability> durability = Map.of();
			try {
				durability = read(connection, topics, now);
				logError(connection, null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				String error = "Broker unreachable (" + connection.bootstrapServers() + ": "
						+ ex.getClass().getSimpleName() + ")";
				errors.add(error);
				logError(connection, error);
			}
			for (ProducerTarget producer : producers) {
				reports.add(report(producer, durability));
			}
		});
		reports.forEach(this::logChange);
		this.snapshot = new ProducersSnapshot(reports, now, errors.isEmpty() ? null : String.join("; ", errors));
	}

	private Map<String, TopicDurability> read(ClusterConnection connection, Set<String> topics, Instant now)
			throws InterruptedException {
		TopicDurabilityReader reader = this.readers.computeIfAbsent(connection,
				(c) -> new TopicDurabilityReader(TOPIC_SETTINGS_MAX_AGE));
		if (!reader.due(topics, now)) {
			return reader.read(null, topics, now, this.timeoutMs);
		}
		Admin admin = this.admins.create(connection);
		try {
			return reader.read(admin, topics, now, this.timeoutMs);
		}
		finally {
			admin.close(Duration.ofSeconds(1));
		}
	}

	private static ProducerReport report(ProducerTarget target, Map<String, TopicDurability> durability) {
		ProducerProfile profile = target.profile();
		List<Finding> findings = new ArrayList<>(DurabilityRules.producer(profile));
		List<ProducerReport.Topic> topics = new ArrayList<>();
		target.topics().forEach((topic, source) -> {
			TopicDurability known = durability.get(topic);
			topics.add(new ProducerReport.Topic(topic, source, known));
			if (known != null && known.exists()) {
				findings.addAll(DurabilityRules.topic(profile, known));
			}
		});
		return new ProducerReport(profile, topics, findings);
	}

	private void logChange(ProducerReport report) {
		String text = ProducerReports.describe(report);
		if (text.equals(this.logged.put(report.profile().name(), text))) {
			return;
		}
		boolean warn = report.findings().stream().anyMatch((finding) -> finding.severity() != Finding.Severity.INFO);
		if (warn) {
			logger.warn(text);
		}
		else {
			logger.info(text);
		}
	}

	private void logError(ClusterConnection connection, @Nullable String error) {
		String previous = (error != null) ? this.loggedErrors.put(connection, error)
				: this.loggedErrors.remove(connection);
		if (error != null && !error.equals(previous)) {
			logger.warn("kafka-resilience: could not check the producers' durability: {}; trying again every {} s",
					error, this.interval.toSeconds());
		}
	}

}

package io.github.kafkaresilience.benchmarks.actuatorapp;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.ObjectName;

import io.github.kafkaresilience.rebalance.RebalanceHistory;
import io.github.kafkaresilience.signals.ConsumerSignalsCollector;
import io.github.kafkaresilience.signals.SignalsSnapshot;
import org.openjdk.jol.info.GraphLayout;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Watches the starter from inside the benchmarked application, through public API only:
 * it subscribes to the signals collector and, after every refresh, records how long the
 * refresh took ({@link ConsumerSignalsCollector#lastRefreshMs()}) and how many requests
 * the collector's Admin client sent during it (the client's own {@code request-total},
 * read from the JMX bean Kafka registers for client id {@code kafka-resilience-signals}).
 * Subscribers run on the refresher thread right after the snapshot is published, so the
 * difference between two readings is the requests of one refresh.
 * <p>
 * It also sizes what the starter keeps between refreshes ({@link #heap(String)}). That
 * part reads private fields by reflection, which only a benchmark may do. It is the
 * benchmark harness's window into the starter, {@code /actuator/benchsignals} (the
 * refreshes) and {@code /actuator/benchsignals/heap}: part of the benchmark application,
 * not of kafka-resilience.
 *
 * @author kafka-resilience
 */
@Endpoint(id = "benchsignals")
public class SignalsProbe implements SmartInitializingSingleton {

	private static final int MAX_REFRESHES = 10_000;

	private final ObjectProvider<ConsumerSignalsCollector> collector;

	private final ObjectProvider<RebalanceHistory> history;

	private final ObjectName adminMetrics;

	private final Deque<Refresh> refreshes = new ArrayDeque<>();

	private double lastRequestTotal;

	SignalsProbe(ObjectProvider<ConsumerSignalsCollector> collector, ObjectProvider<RebalanceHistory> history,
			String adminClientId) {
		this.collector = collector;
		this.history = history;
		try {
			this.adminMetrics = new ObjectName(
					"kafka.admin.client:type=admin-client-metrics,client-id=" + adminClientId);
		}
		catch (JMException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		// Before the collector starts (it is a SmartLifecycle), so the first refresh is
		// seen too.
		this.collector.ifAvailable((signals) -> signals.subscribe(this::refreshed));
	}

	boolean collecting() {
		return this.collector.getIfAvailable() != null;
	}

	private void refreshed(SignalsSnapshot snapshot) {
		ConsumerSignalsCollector signals = this.collector.getObject();
		double total = adminRequestTotal();
		double requests = total - this.lastRequestTotal;
		this.lastRequestTotal = total;
		Refresh refresh = new Refresh(signals.refreshes(),
				(snapshot.attemptedAt() != null) ? snapshot.attemptedAt().toEpochMilli() : 0, signals.lastRefreshMs(),
				requests, snapshot.error() != null);
		synchronized (this.refreshes) {
			this.refreshes.addLast(refresh);
			if (this.refreshes.size() > MAX_REFRESHES) {
				this.refreshes.removeFirst();
			}
		}
	}

	private double adminRequestTotal() {
		try {
			Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(this.adminMetrics, "request-total");
			return (value instanceof Number number) ? number.doubleValue() : Double.NaN;
		}
		catch (JMException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Every refresh seen so far, oldest first.
	 * @return whether the collector runs, and the refreshes
	 */
	@ReadOperation
	public Refreshes refreshes() {
		synchronized (this.refreshes) {
			return new Refreshes(collecting(), new ArrayList<>(this.refreshes));
		}
	}

	// Refreshes that started between two times, both inclusive.
	long refreshesBetween(long fromEpochMs, long toEpochMs) {
		return refreshes().refreshes()
			.stream()
			.filter((refresh) -> refresh.startedAtMs() >= fromEpochMs && refresh.startedAtMs() <= toEpochMs)
			.count();
	}

	/**
	 * Bytes reachable from what the starter keeps between refreshes, measured with JOL's
	 * graph walker: the published snapshot, the lag windows (one per group, the samples
	 * behind the rates) and the rebalance history. Reachable, not retained: an object
	 * also referenced from elsewhere (a topic name string Kafka holds too) is counted, so
	 * this is an upper bound on what dropping the starter's state would free.
	 * @param part {@code heap}
	 * @return sizes in bytes and object counts per part, and for all parts together
	 * (shared objects counted once)
	 */
	@ReadOperation
	public Map<String, Object> heap(@Selector String part) {
		ConsumerSignalsCollector signals = this.collector.getIfAvailable();
		Map<String, Object> result = new LinkedHashMap<>();
		if (signals == null || !"heap".equals(part)) {
			return result;
		}
		SignalsSnapshot snapshot = signals.snapshot();
		// The collector keeps its lag windows in its group reads.
		Object windows = field(field(signals, "reads"), "windows");
		RebalanceHistory rebalances = this.history.getIfAvailable();
		// Its groups only: the history also holds its subscribers, which reach the meter
		// registry and so most of the application.
		Object history = (rebalances != null) ? field(rebalances, "groups") : Map.of();
		long started = System.nanoTime();
		result.put("snapshot", footprint(GraphLayout.parseInstance(snapshot)));
		result.put("lagWindows", footprint(GraphLayout.parseInstance(windows)));
		result.put("rebalanceHistory", footprint(GraphLayout.parseInstance(history)));
		GraphLayout all = GraphLayout.parseInstance(snapshot, windows, history);
		result.put("total", footprint(all));
		result.put("walkMs", (System.nanoTime() - started) / 1_000_000);
		result.put("totalFootprint", all.toFootprint());
		return result;
	}

	private static Map<String, Long> footprint(GraphLayout layout) {
		return Map.of("bytes", layout.totalSize(), "objects", layout.totalCount());
	}

	private static Object field(Object target, String name) {
		try {
			Field field = target.getClass().getDeclaredField(name);
			field.setAccessible(true);
			return field.get(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("The starter changed: no field " + name + " in " + target.getClass(), ex);
		}
	}

	/**
	 * One refresh as the probe saw it: the collector's refresh count after it, when it
	 * started (epoch ms), how long it took
	 * ({@link ConsumerSignalsCollector#lastRefreshMs()}), the requests the Admin client
	 * sent since the previous one, and whether it failed.
	 */
	public record Refresh(long number, long startedAtMs, long durationMs, double adminRequests, boolean failed) {

	}

	/**
	 * The refreshes so far.
	 *
	 * @param collecting whether the starter's signals collector runs in this application
	 * @param refreshes every refresh, oldest first
	 */
	public record Refreshes(boolean collecting, List<Refresh> refreshes) {

	}

}

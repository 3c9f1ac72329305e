package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * What the broker did during one measured window: its process CPU time (user and system,
 * as the kernel accounts it in {@code /proc/<pid>/stat}), the requests it counted per
 * API, and, beside it, this JVM's own CPU time and the consumers' partition moves.
 *
 * @param length the window's length
 * @param brokerCpu CPU time the broker process used
 * @param ownCpu CPU time this JVM (the consumers) used
 * @param requests requests per API received during the window
 * @param assignmentChanges rebalance callbacks that moved partitions during the window
 * @param loadAverage the machine's load averages at the end
 * @author kafka-resilience
 */
record BrokerWindow(Duration length, Duration brokerCpu, Duration ownCpu, Map<String, Long> requests,
		int assignmentChanges, String loadAverage) {

	private static final Set<String> DERIVED = Set.of("FetchConsumer", "FetchFollower");

	/**
	 * CPU milliseconds per second: percent of one core times ten.
	 * @return the broker's CPU per second
	 */
	double brokerCpuMsPerSecond() {
		return perSecond(this.brokerCpu.toNanos() / 1e6);
	}

	double ownCpuMsPerSecond() {
		return perSecond(this.ownCpu.toNanos() / 1e6);
	}

	double requestsPerSecond(String api) {
		return perSecond(this.requests.getOrDefault(api, 0L));
	}

	/**
	 * Requests per second over every API; the broker's {@code FetchConsumer} and
	 * {@code FetchFollower} meters count {@code Fetch} requests a second time and are
	 * left out.
	 * @return the total rate
	 */
	double totalRequestsPerSecond() {
		return perSecond(this.requests.entrySet()
			.stream()
			.filter((entry) -> !DERIVED.contains(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum());
	}

	private double perSecond(double amount) {
		return amount / (this.length.toNanos() / 1e9);
	}

	/**
	 * Takes windows on one broker process.
	 */
	static final class Meter {

		private final ProcessHandle broker;

		private final MBeanServerConnection jmx;

		Meter(long brokerPid, MBeanServerConnection jmx) {
			this.broker = ProcessHandle.of(brokerPid)
				.orElseThrow(() -> new IllegalStateException("No process " + brokerPid));
			this.jmx = jmx;
		}

		/**
		 * Measure for a while.
		 * @param length how long
		 * @param fleet the consumers, or {@code null} if there are none
		 * @return what the window measured
		 * @throws Exception if the broker's counters cannot be read
		 */
		BrokerWindow measure(Duration length, ConsumerFleet fleet) throws Exception {
			return measure(() -> Harness.sleep(length), fleet);
		}

		/**
		 * Measure while the work runs.
		 * @param work what the window lasts for
		 * @param fleet the consumers, or {@code null} if there are none
		 * @return what the window measured
		 * @throws Exception if the work fails or the broker's counters cannot be read
		 */
		BrokerWindow measure(Work work, ConsumerFleet fleet) throws Exception {
			int changesBefore = (fleet != null) ? fleet.assignmentChanges() : 0;
			Map<String, Long> requestsBefore = requestCounts(this.jmx);
			Duration ownBefore = cpu(ProcessHandle.current());
			Duration brokerBefore = cpu(this.broker);
			long start = System.nanoTime();
			work.run();
			Duration brokerAfter = cpu(this.broker);
			long end = System.nanoTime();
			Duration ownAfter = cpu(ProcessHandle.current());
			Map<String, Long> requests = new TreeMap<>();
			requestCounts(this.jmx).forEach((api, count) -> {
				long delta = count - requestsBefore.getOrDefault(api, 0L);
				if (delta > 0) {
					requests.put(api, delta);
				}
			});
			if (fleet != null) {
				fleet.checkHealthy();
			}
			int changes = (fleet != null) ? fleet.assignmentChanges() - changesBefore : 0;
			BrokerWindow window = new BrokerWindow(Duration.ofNanos(end - start), brokerAfter.minus(brokerBefore),
					ownAfter.minus(ownBefore), requests, changes, Harness.loadAverage());
			// In the log too, so a run cut short keeps every window it measured.
			Harness.info("Window: broker CPU " + Harness.format(window.brokerCpuMsPerSecond() / 10, 2)
					+ " % of a core, consumers' JVM " + Harness.format(window.ownCpuMsPerSecond() / 10, 1) + " %, "
					+ changes + " partition moves, load " + window.loadAverage() + ", requests/s "
					+ requests.keySet()
						.stream()
						.map((api) -> api + " " + Harness.format(window.requestsPerSecond(api), 1))
						.toList());
			return window;
		}

		// Requests the broker has received since it started, per API, all versions
		// together.
		private static Map<String, Long> requestCounts(MBeanServerConnection jmx) throws Exception {
			Map<String, Long> counts = new TreeMap<>();
			for (ObjectName name : jmx
				.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
				if (name.getKeyProperty("request") != null && jmx.getAttribute(name, "Count") instanceof Number count) {
					counts.merge(name.getKeyProperty("request"), count.longValue(), Long::sum);
				}
			}
			return counts;
		}

		private static Duration cpu(ProcessHandle process) {
			return process.info()
				.totalCpuDuration()
				.orElseThrow(() -> new IllegalStateException("No CPU time for pid " + process.pid()));
		}

		/**
		 * What a window lasts for.
		 */
		@FunctionalInterface
		interface Work {

			void run() throws Exception;

		}

	}

}

package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.GroupProtocol;

import static io.github.kafkaresilience.benchmarks.Harness.format;

/**
 * The heartbeat-cost benchmark's Markdown report: one row per cell, then the cost of the
 * heartbeats per 1,000 consumers.
 *
 * @author kafka-resilience
 */
final class HeartbeatCostReport {

	private HeartbeatCostReport() {
	}

	/**
	 * One measured cell.
	 *
	 * @param consumers members of the group, 0 for the idle broker
	 * @param protocol the group protocol, {@code null} for the idle broker
	 * @param heartbeatMs the heartbeat interval
	 * @param window what the broker did
	 * @param join from starting the consumers to a Stable group owning every partition
	 */
	record Row(int consumers, GroupProtocol protocol, int heartbeatMs, BrokerWindow window, Duration join) {

		boolean idle() {
			return this.protocol == null;
		}

		String protocolName() {
			return idle() ? "idle" : this.protocol.name().toLowerCase();
		}

		double heartbeatsPerSecond() {
			return this.window
				.requestsPerSecond((this.protocol == GroupProtocol.CONSUMER) ? "ConsumerGroupHeartbeat" : "Heartbeat");
		}

		double brokerCorePercent() {
			return this.window.brokerCpuMsPerSecond() / 10;
		}

		/**
		 * Whether the window was a steady state: no partition moved and the members sent
		 * at least 90 % of their heartbeats (a saturated consumer JVM sends fewer, and
		 * fetches less).
		 */
		boolean steady() {
			return this.window.assignmentChanges() == 0
					&& heartbeatsPerSecond() >= 0.9 * this.consumers * 1000.0 / this.heartbeatMs;
		}

	}

	static String render(String header, String settings, List<Row> rows) {
		double idle = rows.stream().filter(Row::idle).mapToDouble(Row::brokerCorePercent).average().orElse(0);
		StringBuilder out = new StringBuilder("# Heartbeat cost: broker CPU and requests of one consumer group\n\n");
		out.append(header).append('\n').append(settings).append("\n\nIdle broker: ").append(format(idle, 2));
		out.append(
				" % of a core (the mean of the rows with 0 consumers). See benchmarks/README.md for the method.\n\n");
		out.append(Harness.tableHeader("consumers", "protocol", "heartbeat ms", "broker CPU % of a core", "above idle",
				"above idle per 1,000 consumers", "heartbeats/s (expected)", "Fetch/s", "total requests/s",
				"consumer JVM CPU %", "partition moves in window", "join s", "load at end"));
		for (Row row : rows) {
			BrokerWindow window = row.window();
			double net = row.brokerCorePercent() - idle;
			out.append(Harness.tableRow(row.consumers(), row.protocolName(), row.idle() ? "" : row.heartbeatMs(),
					format(row.brokerCorePercent(), 2), row.idle() ? "" : format(net, 2),
					row.idle() ? "" : format(net * 1000 / row.consumers(), 2),
					format(row.heartbeatsPerSecond(), 1)
							+ (row.idle() ? "" : " (" + format(row.consumers() * 1000.0 / row.heartbeatMs(), 0) + ")"),
					format(window.requestsPerSecond("Fetch"), 1), format(window.totalRequestsPerSecond(), 1),
					format(window.ownCpuMsPerSecond() / 10, 1),
					window.assignmentChanges() + ((row.idle() || row.steady()) ? "" : " (not steady)"),
					row.idle() ? "" : format(row.join().toMillis() / 1000.0, 1), window.loadAverage()));
		}
		return out.append(costPerThousand(rows)).toString();
	}

	/**
	 * Per protocol and group size: what the heartbeats alone cost, from the difference
	 * between the longest and each shorter interval, since everything else the members
	 * send (fetches above all) does not depend on the interval.
	 */
	private static String costPerThousand(List<Row> rows) {
		StringBuilder out = new StringBuilder("\n## Cost of the heartbeats per 1,000 consumers\n\n"
				+ "Steady windows only. Broker CPU above the same group at its longest interval, scaled to 1,000 "
				+ "consumers, and per heartbeat request: (CPU at the interval - CPU at the longest) / (heartbeats/s "
				+ "at the interval - at the longest).\n\n");
		out.append(Harness.tableHeader("protocol", "consumers", "heartbeat ms", "heartbeats/s per 1,000 consumers",
				"heartbeat CPU % of a core per 1,000 consumers", "broker CPU µs per heartbeat"));
		List<Row> steady = rows.stream()
			.filter((row) -> !row.idle() && row.steady())
			.sorted(Comparator.comparing(Row::protocol).thenComparingInt(Row::consumers))
			.toList();
		for (Row row : steady) {
			Row base = steady.stream()
				.filter((other) -> other.protocol() == row.protocol() && other.consumers() == row.consumers())
				.max(Comparator.comparingInt(Row::heartbeatMs))
				.orElseThrow();
			double cpu = row.brokerCorePercent() - base.brokerCorePercent();
			double heartbeats = row.heartbeatsPerSecond() - base.heartbeatsPerSecond();
			out.append(Harness.tableRow(row.protocolName(), row.consumers(), row.heartbeatMs(),
					format(row.heartbeatsPerSecond() * 1000 / row.consumers(), 0),
					(row == base) ? "(base)" : format(cpu * 1000 / row.consumers(), 2),
					(row == base) ? "" : format(cpu * 10_000 / heartbeats, 1)));
		}
		return out.toString();
	}

}

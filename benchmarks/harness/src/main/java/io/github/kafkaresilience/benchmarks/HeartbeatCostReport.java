package io.github.kafkaresilience.benchmarks;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * The heartbeat-cost benchmark's Markdown report: one row per cell, then the cost per
 * 1,000 consumers.
 *
 * @author kafka-resilience
 */
final class HeartbeatCostReport {

	private static final List<String> FITTED_APIS = List.of("Heartbeat", "ConsumerGroupHeartbeat", "Fetch");

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

		String heartbeatApi() {
			return (this.protocol == GroupProtocol.CONSUMER) ? "ConsumerGroupHeartbeat" : "Heartbeat";
		}

		double heartbeatsPerSecond() {
			return this.window.requestsPerSecond(heartbeatApi());
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
		out.append(header).append('\n').append(settings).append("\n\n");
		out.append("Broker CPU is the broker process's CPU time (user + system) over the window, as % of one core; "
				+ "*above idle* subtracts the idle broker's mean (")
			.append(Harness.format(idle, 2))
			.append(" %, the rows with 0 consumers). Requests are the broker's `RequestsPerSec` counts over the same "
					+ "window. The consumers are threads of the driver's JVM; its CPU is shown beside, it is not the "
					+ "broker's.\n\n");
		out.append("| consumers | protocol | heartbeat ms | broker CPU % of a core | above idle | above idle per 1,000 "
				+ "consumers | heartbeats/s (expected) | Fetch/s | total requests/s | consumer JVM CPU % | partition "
				+ "moves in window | join s | load at end |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Row row : rows) {
			BrokerWindow window = row.window();
			double net = row.brokerCorePercent() - idle;
			out.append("| ")
				.append(row.consumers())
				.append(" | ")
				.append(row.idle() ? "idle" : row.protocol().name().toLowerCase())
				.append(" | ")
				.append(row.idle() ? "" : row.heartbeatMs())
				.append(" | ")
				.append(Harness.format(row.brokerCorePercent(), 2))
				.append(" | ")
				.append(row.idle() ? "" : Harness.format(net, 2))
				.append(" | ")
				.append(row.idle() ? "" : Harness.format(net * 1000 / row.consumers(), 2))
				.append(" | ")
				.append(Harness.format(row.heartbeatsPerSecond(), 1))
				.append(row.idle() ? "" : " (" + Harness.format(row.consumers() * 1000.0 / row.heartbeatMs(), 0) + ")")
				.append(" | ")
				.append(Harness.format(window.requestsPerSecond("Fetch"), 1))
				.append(" | ")
				.append(Harness.format(window.totalRequestsPerSecond(), 1))
				.append(" | ")
				.append(Harness.format(window.ownCpuMsPerSecond() / 10, 1))
				.append(" | ")
				.append(window.assignmentChanges())
				.append((row.idle() || row.steady()) ? "" : " (not steady)")
				.append(" | ")
				.append(row.idle() ? "" : Harness.format(row.join().toMillis() / 1000.0, 1))
				.append(" | ")
				.append(window.loadAverage())
				.append(" |\n");
		}
		out.append(costPerThousand(rows));
		out.append(fitted(rows, idle));
		out.append("\nRequests per API in each window (per second):\n\n");
		for (Row row : rows) {
			out.append("- ")
				.append(row.idle() ? "idle"
						: row.consumers() + " " + row.protocol().name().toLowerCase() + " " + row.heartbeatMs() + " ms")
				.append(": ");
			row.window()
				.requests()
				.forEach((api, count) -> out.append(api)
					.append(' ')
					.append(Harness.format(row.window().requestsPerSecond(api), 1))
					.append(", "));
			out.setLength(out.length() - 2);
			out.append('\n');
		}
		return out.toString();
	}

	/**
	 * The cost of one request of each kind, fitted over every window with consumers, and
	 * from it what each interval's heartbeats cost per 1,000 consumers.
	 */
	private static String fitted(List<Row> rows, double idlePercent) {
		List<Row> measured = rows.stream().filter((row) -> !row.idle() && row.steady()).toList();
		List<String> apis = FITTED_APIS.stream()
			.filter((api) -> measured.stream().anyMatch((row) -> row.window().requestsPerSecond(api) > 0))
			.toList();
		double[] millis = RequestCostFit.millisPerRequest(measured,
				(row) -> row.window().brokerCpuMsPerSecond() - idlePercent * 10,
				apis.stream()
					.<ToDoubleFunction<Row>>map((api) -> (row) -> row.window().requestsPerSecond(api))
					.toList());
		if (millis.length == 0) {
			return "";
		}
		StringBuilder out = new StringBuilder("\n## Broker CPU per request, fitted\n\nLeast squares over the ")
			.append(measured.size())
			.append(" steady windows with consumers: broker CPU above idle = the sum of rate × cost over ")
			.append(String.join(", ", apis))
			.append(" (every other request is rare in a steady state). It keeps heartbeats and fetches apart where a "
					+ "group's fetch rate changes with its interval (consumer-protocol members fetch more at short "
					+ "intervals); few windows, or windows from groups of very different sizes, make it rough.\n\n"
					+ "| request | broker CPU " + "µs per request |\n|---|---|\n");
		for (int i = 0; i < apis.size(); i++) {
			out.append("| ")
				.append(apis.get(i))
				.append(" | ")
				.append(Harness.format(millis[i] * 1000, 1))
				.append(" |\n");
		}
		out.append("\n| protocol | heartbeat ms | heartbeats/s per 1,000 consumers | broker CPU % of a core per 1,000 "
				+ "consumers, heartbeats alone (fitted) |\n|---|---|---|---|\n");
		measured.stream()
			.map((row) -> row.protocol().name().toLowerCase() + " " + row.heartbeatMs())
			.distinct()
			.forEach((cell) -> {
				String[] parts = cell.split(" ");
				String api = parts[0].equals("consumer") ? "ConsumerGroupHeartbeat" : "Heartbeat";
				int index = apis.indexOf(api);
				double perSecond = 1000 * 1000.0 / Integer.parseInt(parts[1]);
				out.append("| ")
					.append(parts[0])
					.append(" | ")
					.append(parts[1])
					.append(" | ")
					.append(Harness.format(perSecond, 0))
					.append(" | ")
					.append((index < 0) ? "n/a" : Harness.format(perSecond * millis[index] / 10, 1))
					.append(" |\n");
			});
		int fetch = apis.indexOf("Fetch");
		if (fetch >= 0) {
			out.append("\nFor scale: idle members long-poll, up to 2 fetches per member per second at Kafka's "
					+ "default `fetch.max.wait.ms` of 500 ms, which would cost ")
				.append(Harness.format(2000 * millis[fetch] / 10, 1))
				.append(" % of a core per 1,000 consumers by the same fit.\n");
		}
		return out.toString();
	}

	/**
	 * Per protocol and group size: what the heartbeats alone cost, from the difference
	 * between the longest and each shorter interval, since everything else the members
	 * send (fetches above all) does not depend on the interval.
	 */
	private static String costPerThousand(List<Row> rows) {
		StringBuilder out = new StringBuilder("\n## Cost of the heartbeats per 1,000 consumers\n\n"
				+ "Steady windows only (no partition moved, at least 90 % of the expected heartbeats). "
				+ "Broker CPU above the same group at its longest interval, scaled to 1,000 consumers, and the broker "
				+ "CPU per heartbeat request: (CPU at the interval - CPU at the longest) / (heartbeats/s at the "
				+ "interval - at the longest).\n\n| protocol | consumers | heartbeat ms | heartbeats/s per 1,000 "
				+ "consumers | heartbeat CPU % of a core per 1,000 consumers | broker CPU µs per heartbeat |\n"
				+ "|---|---|---|---|---|---|\n");
		for (GroupProtocol protocol : List.of(GroupProtocol.CLASSIC, GroupProtocol.CONSUMER)) {
			TreeSet<Integer> sizes = new TreeSet<>();
			rows.stream()
				.filter((row) -> row.protocol() == protocol && row.steady())
				.forEach((row) -> sizes.add(row.consumers()));
			for (int size : sizes) {
				List<Row> cells = rows.stream()
					.filter((row) -> row.protocol() == protocol && row.consumers() == size && row.steady())
					.toList();
				Optional<Row> longest = cells.stream().max(Comparator.comparingInt(Row::heartbeatMs));
				for (Row row : cells) {
					Row base = longest.get();
					double cpu = row.brokerCorePercent() - base.brokerCorePercent();
					double heartbeats = row.heartbeatsPerSecond() - base.heartbeatsPerSecond();
					boolean isBase = row == base;
					out.append("| ")
						.append(protocol.name().toLowerCase())
						.append(" | ")
						.append(size)
						.append(" | ")
						.append(row.heartbeatMs())
						.append(" | ")
						.append(Harness.format(row.heartbeatsPerSecond() * 1000 / size, 0))
						.append(" | ")
						.append(isBase ? "(base)" : Harness.format(cpu * 1000 / size, 2))
						.append(" | ")
						.append(isBase ? "" : Harness.format(cpu * 10_000 / heartbeats, 1))
						.append(" |\n");
				}
			}
		}
		return out.toString();
	}

}

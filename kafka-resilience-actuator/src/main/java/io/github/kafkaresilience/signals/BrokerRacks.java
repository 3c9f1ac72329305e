package io.github.kafkaresilience.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;

/**
 * The racks the cluster's brokers advertise ({@code broker.rack}), read with
 * {@code DescribeCluster}, which needs no ACL, and kept for a while: brokers rarely move.
 *
 * @author kafka-resilience
 */
final class BrokerRacks {

	private final Duration maxAge;

	private @Nullable Set<String> racks;

	private @Nullable Instant readAt;

	BrokerRacks(Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * The brokers' racks, read again when older than the maximum age.
	 * @param admin the client
	 * @param now the time
	 * @param timeoutMs the request timeout
	 * @return the racks, empty when no broker advertises one, {@code null} when not read
	 * yet
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized @Nullable Set<String> read(Admin admin, Instant now, long timeoutMs) throws InterruptedException {
		if (this.readAt == null || !this.readAt.plus(this.maxAge).isAfter(now)) {
			try {
				Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
					.nodes()
					.get(timeoutMs + 500, TimeUnit.MILLISECONDS);
				this.racks = racks(nodes);
				this.readAt = now;
			}
			catch (ExecutionException | TimeoutException ex) {
				// Kept as last read; the other signals do not depend on it.
			}
		}
		return this.racks;
	}

	static Set<String> racks(Collection<Node> nodes) {
		Set<String> racks = new TreeSet<>();
		nodes.stream().filter(Node::hasRack).forEach((node) -> racks.add(node.rack()));
		return Collections.unmodifiableSet(racks);
	}

}

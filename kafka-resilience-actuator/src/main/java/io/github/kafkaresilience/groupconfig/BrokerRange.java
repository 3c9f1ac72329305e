package io.github.kafkaresilience.groupconfig;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.jspecify.annotations.Nullable;

/**
 * The range a broker allows for group settings ({@code group.consumer.min/max.*}), as far
 * as the application may read one broker's configuration; unknown otherwise, in which
 * case the broker's answer to a change decides.
 *
 * @author kafka-resilience
 */
final class BrokerRange {

	private final @Nullable Config config;

	private BrokerRange(@Nullable Config config) {
		this.config = config;
	}

	/**
	 * Read one broker's configuration.
	 * @param admin the client
	 * @param timeoutMs the request timeout
	 * @return the range, unknown when the broker may not be described
	 */
	static BrokerRange read(Admin admin, long timeoutMs) {
		try {
			Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
				.nodes()
				.get(timeoutMs + 500, TimeUnit.MILLISECONDS);
			if (nodes.isEmpty()) {
				return new BrokerRange(null);
			}
			ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER,
					nodes.iterator().next().idString());
			return new BrokerRange(
					admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs((int) timeoutMs))
						.values()
						.get(resource)
						.get(timeoutMs + 500, TimeUnit.MILLISECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new BrokerRange(null);
		}
		catch (Exception ex) {
			return new BrokerRange(null);
		}
	}

	/**
	 * The bounds of one group setting.
	 * @param key the group setting
	 * @return its bounds, each {@code null} when unknown
	 */
	Bounds bounds(String key) {
		return new Bounds(value(GroupConfigKeys.brokerMinimum(key)), value(GroupConfigKeys.brokerMaximum(key)));
	}

	private @Nullable Long value(String key) {
		ConfigEntry entry = (this.config != null) ? this.config.get(key) : null;
		try {
			return (entry != null && entry.value() != null) ? Long.valueOf(entry.value()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The range a broker allows for one group setting, as far as it says.
	 *
	 * @param min the lowest value, or {@code null}
	 * @param max the highest value, or {@code null}
	 */
	record Bounds(@Nullable Long min, @Nullable Long max) {

		long fit(long value) {
			long fitted = (this.min != null) ? Math.max(this.min, value) : value;
			return (this.max != null) ? Math.min(this.max, fitted) : fitted;
		}

		@Override
		public String toString() {
			return "[" + ((this.min != null) ? this.min : "?") + ", " + ((this.max != null) ? this.max : "?") + "] ms";
		}

	}

}

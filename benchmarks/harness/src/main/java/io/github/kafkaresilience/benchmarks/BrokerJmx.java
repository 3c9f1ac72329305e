package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * Reads a broker's request counters over JMX, attaching to its process by pid (the JDK's
 * local management agent: no port is opened, nothing leaves the machine). The broker
 * needs no JMX settings for this.
 *
 * @author kafka-resilience
 */
final class BrokerJmx implements AutoCloseable {

	private static final String REQUESTS = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";

	private final JMXConnector connector;

	private final MBeanServerConnection connection;

	private BrokerJmx(JMXConnector connector) throws IOException {
		this.connector = connector;
		this.connection = connector.getMBeanServerConnection();
	}

	static BrokerJmx attach(long pid) throws IOException {
		VirtualMachine machine;
		try {
			machine = VirtualMachine.attach(Long.toString(pid));
		}
		catch (AttachNotSupportedException ex) {
			throw new IOException("Cannot attach to pid " + pid, ex);
		}
		try {
			String address = machine.startLocalManagementAgent();
			return new BrokerJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
		}
		finally {
			machine.detach();
		}
	}

	/**
	 * Requests the broker has received since it started, per API, all versions together.
	 * @return count per request name ({@code Metadata}, {@code OffsetFetch}, ...)
	 * @throws IOException if the broker cannot be read
	 */
	Map<String, Long> requestCounts() throws IOException {
		Map<String, Long> counts = new TreeMap<>();
		try {
			for (ObjectName name : this.connection.queryNames(new ObjectName(REQUESTS), null)) {
				String request = name.getKeyProperty("request");
				Object count = this.connection.getAttribute(name, "Count");
				if (request != null && count instanceof Number number) {
					counts.merge(request, number.longValue(), Long::sum);
				}
			}
		}
		catch (JMException ex) {
			throw new IOException(ex);
		}
		return counts;
	}

	@Override
	public void close() throws IOException {
		this.connector.close();
	}

}

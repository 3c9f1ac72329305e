package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What every benchmark driver does the same way: progress lines, sleeps and waits without
 * checked exceptions, order statistics, Markdown tables, the machine facts and the report
 * file.
 *
 * @author kafka-resilience
 */
public final class Harness {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private Harness() {
	}

	static void info(String message) {
		System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "  " + message);
		System.out.flush();
	}

	// The harness's threads stop on flags and time limits, so an interrupt is only passed
	// on.
	static void sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(0, duration.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void join(Thread thread, Duration timeout) {
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Nearest-rank percentile: the smallest value with at least {@code p} % of the values
	 * at or below it, so always a measured value; NaN for no values.
	 * @param values the values, in any order
	 * @param p the percentile, at most 100; 0 gives the smallest value
	 * @return the percentile
	 */
	public static double percentile(double[] values, double p) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
	}

	/**
	 * The median: the middle value, or the mean of the two middle values; NaN for none.
	 * @param values the values
	 * @return the median
	 */
	public static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length == 0) ? Double.NaN
				: (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * A Markdown table's header and separator lines.
	 * @param columns the column names
	 * @return two lines, each ending with a line break
	 */
	public static String tableHeader(String... columns) {
		return tableRow((Object[]) columns) + "|---".repeat(columns.length) + "|\n";
	}

	/**
	 * One row of a Markdown table.
	 * @param cells the cells, rendered with {@link String#valueOf(Object)}
	 * @return the row, ending with a line break
	 */
	public static String tableRow(Object... cells) {
		return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n"));
	}

	/**
	 * Wait until the condition holds, polling every quarter of a second; an exception
	 * counts as not yet.
	 * @throws ConditionTimeoutException naming what was awaited if it did not hold in
	 * time
	 */
	static void await(String what, Duration timeout, Callable<Boolean> condition) {
		await(what, timeout, null, condition);
	}

	/**
	 * Wait until the condition holds, as {@link #await(String, Duration, Callable)}, and
	 * give up at once if the process exits.
	 */
	static void await(String what, Duration timeout, Process process, Callable<Boolean> condition) {
		Awaitility.await(what)
			.atMost(timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(POLL_INTERVAL)
			.ignoreExceptions()
			.failFast(what + ": the process exited, see its log", () -> process != null && !process.isAlive())
			.until(condition);
	}

	/**
	 * Whether the condition holds within the timeout, polled as
	 * {@link #await(String, Duration, Callable)} polls it.
	 */
	static boolean eventually(Duration timeout, Callable<Boolean> condition) {
		try {
			await("condition", timeout, condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	static String format(double value, int decimals) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	static String runName(String kind) {
		return kind + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
	}

	// Results only compare on like machines, and a shared machine's load changes them.
	static String header(String command, boolean smoke) {
		return "Machine: `nproc` = " + Runtime.getRuntime().availableProcessors() + ", " + totalMemory() + " memory, "
				+ java() + ". Started " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ", load average "
				+ loadAverage() + ".\n\n"
				+ (smoke ? "**SMOKE run: tiny sizes, checks the harness only; not a result.**\n\n" : "") + "```bash\n"
				+ command + "\n```\n";
	}

	static String java() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
	}

	static String totalMemory() {
		OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return format(system.getTotalMemorySize() / 1024.0 / 1024.0 / 1024.0, 1) + " GiB";
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return String.join(" ", fields[0], fields[1], fields[2]);
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	static void writeReport(Path file, String markdown) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, markdown, StandardCharsets.UTF_8);
		System.out.println();
		System.out.println(markdown);
		System.out.println("Report: " + file);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void deleteRecursively(Path directory) {
		try {
			Utils.delete(directory.toFile());
		}
		catch (IOException ex) {
			info("Could not delete " + directory + ": " + ex.getMessage());
		}
	}

}

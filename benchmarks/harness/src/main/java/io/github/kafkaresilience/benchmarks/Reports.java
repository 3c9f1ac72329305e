package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What every benchmark report starts with, and where it goes.
 *
 * @author kafka-resilience
 */
final class Reports {

	private Reports() {
	}

	/**
	 * A name for a run: its kind and the local time it started.
	 * @param kind for example {@code overhead}
	 * @return for example {@code overhead-20261121-122034}
	 */
	static String runName(String kind) {
		return kind + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
	}

	/**
	 * The machine, the time, the load and the command, because numbers only compare on
	 * like machines and a shared machine's load changes them.
	 * @param command the command line
	 * @param smoke whether this is a smoke run
	 * @return Markdown lines
	 */
	static String header(String command, boolean smoke) {
		return "Machine: `nproc` = " + Runtime.getRuntime().availableProcessors() + ", " + MachineInfo.totalMemory()
				+ " memory, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
				+ ". Started " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ", load average "
				+ loadAverage() + ".\n\n"
				+ (smoke ? "**SMOKE run: tiny sizes, checks the harness only; not a result.**\n\n" : "") + "```bash\n"
				+ command + "\n```\n";
	}

	/**
	 * The 1, 5 and 15 minute load averages from {@code /proc/loadavg}.
	 * @return for example "1.97 3.06 3.34", or "unknown"
	 */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
			return String.join(" ", fields[0], fields[1], fields[2]);
		}
		catch (IOException | ArrayIndexOutOfBoundsException ex) {
			return "unknown";
		}
	}

	static String format(double value, int decimals) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	/**
	 * Write a report and print it.
	 * @param file the report file
	 * @param markdown the report
	 * @throws IOException if it cannot be written
	 */
	static void write(Path file, String markdown) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, markdown, StandardCharsets.UTF_8);
		System.out.println();
		System.out.println(markdown);
		System.out.println("Report: " + file);
	}

}

package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Facts about the machine recorded with every run, because results only compare on like
 * machines.
 *
 * @author kafka-resilience
 */
final class MachineInfo {

	private MachineInfo() {
	}

	/**
	 * Total memory from {@code /proc/meminfo}.
	 * @return for example "23.5 GiB", or "unknown"
	 */
	static String totalMemory() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kib = Long.parseLong(line.replaceAll("\\D", ""));
					return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// fall through
		}
		return "unknown";
	}

}

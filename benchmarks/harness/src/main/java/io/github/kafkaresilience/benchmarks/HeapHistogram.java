package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live-object class histogram of another JVM ({@code jcmd <pid> GC.class_histogram},
 * which runs a full GC first), kept to the classes of one package prefix. Sizes are
 * shallow: a record's own fields, not the strings and maps it points to.
 *
 * @author kafka-resilience
 */
final class HeapHistogram {

	// " 123: 4567 890123 io.github.Foo (unnamed module)" or without module
	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

	private HeapHistogram() {
	}

	/**
	 * Take a histogram.
	 * @param pid the JVM
	 * @param classPrefix the classes to keep
	 * @return the rows, largest first, as jcmd prints them
	 * @throws IOException if jcmd fails
	 */
	static List<Row> of(long pid, String classPrefix) throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("jcmd failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("Interrupted", ex);
		}
		return parse(output, classPrefix);
	}

	static List<Row> parse(String histogram, String classPrefix) {
		List<Row> rows = new ArrayList<>();
		for (String line : histogram.split("\\R")) {
			Matcher matcher = ROW.matcher(line);
			if (matcher.matches() && matcher.group(3).startsWith(classPrefix)) {
				rows.add(new Row(matcher.group(3), Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
			}
		}
		return rows;
	}

	/**
	 * One class.
	 *
	 * @param className the class
	 * @param instances live instances
	 * @param bytes their shallow size
	 */
	record Row(String className, long instances, long bytes) {

	}

}

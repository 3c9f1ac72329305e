package io.github.kafkaresilience.benchmarks.analysis;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The files of one run directory, shared by the driver that writes them and the analysis
 * and the plot that read them.
 *
 * @param directory the run directory
 * @author kafka-resilience
 */
public record RunFiles(Path directory) {

	private static final String CONSUMED_PREFIX = "consumed-";

	/** The run's settings ({@code key=value}). */
	public Path settings() {
		return this.directory.resolve("run.properties");
	}

	/** What the driver did and saw, one {@link RunEvent} per line. */
	public Path events() {
		return this.directory.resolve("events.csv");
	}

	/** Every record the producer sent, one {@link Produced} per line. */
	public Path produced() {
		return this.directory.resolve("produced.csv");
	}

	/** The consumption log of one incarnation (0 for the first start) of an instance. */
	public Path consumed(String instance, int incarnation) {
		return this.directory.resolve(CONSUMED_PREFIX + instance + "-" + incarnation + ".csv");
	}

	/** The standard output of one incarnation of an instance. */
	public Path applicationLog(String instance, int incarnation) {
		return this.directory.resolve("app-" + instance + "-" + incarnation + ".log");
	}

	public Path brokerLog() {
		return this.directory.resolve("broker.log");
	}

	public Path summary() {
		return this.directory.resolve("summary.md");
	}

	Properties readSettings() throws IOException {
		Properties settings = new Properties();
		if (Files.exists(settings())) {
			try (Reader reader = Files.newBufferedReader(settings(), StandardCharsets.UTF_8)) {
				settings.load(reader);
			}
		}
		return settings;
	}

	List<RunEvent> readEvents() throws IOException {
		return lines(events(), RunEvent.CSV_HEADER, RunEvent::parse);
	}

	List<Produced> readProduced() throws IOException {
		return lines(produced(), Produced.CSV_HEADER, Produced::parse);
	}

	List<Consumed> readConsumed() throws IOException {
		List<Consumed> consumed = new ArrayList<>();
		try (DirectoryStream<Path> logs = Files.newDirectoryStream(this.directory, CONSUMED_PREFIX + "*.csv")) {
			for (Path log : logs) {
				consumed.addAll(lines(log, null, Consumed::parse));
			}
		}
		return consumed;
	}

	private static <T> List<T> lines(Path file, String header, Function<String, T> parser) throws IOException {
		List<T> parsed = new ArrayList<>();
		try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
			// A process stopped mid-write can leave a partial last line; it is skipped
			// rather than failing the whole analysis.
			lines.filter((line) -> !line.isBlank() && !line.equals(header)).forEach((line) -> {
				try {
					parsed.add(parser.apply(line));
				}
				catch (RuntimeException ex) {
					System.err.println("Skipping malformed line in " + file.getFileName() + ": " + line);
				}
			});
		}
		return parsed;
	}

}

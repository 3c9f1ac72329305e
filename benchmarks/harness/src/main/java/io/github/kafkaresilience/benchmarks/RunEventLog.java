package io.github.kafkaresilience.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.kafkaresilience.benchmarks.analysis.RunEvent;
import io.github.kafkaresilience.benchmarks.analysis.RunEvent.Type;

/**
 * Writes the driver's events to {@code events.csv} as they happen, flushed at once so
 * that a run stopped by its time limit still leaves its timeline behind.
 *
 * @author kafka-resilience
 */
final class RunEventLog implements AutoCloseable {

	private final BufferedWriter writer;

	RunEventLog(Path file) throws IOException {
		this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		this.writer.write(RunEvent.CSV_HEADER);
		this.writer.newLine();
		this.writer.flush();
	}

	void record(Type type) {
		record(type, "", "");
	}

	synchronized void record(Type type, String instance, String detail) {
		RunEvent event = new RunEvent(System.currentTimeMillis(), type, instance, detail);
		Console.info(type + (instance.isEmpty() ? "" : " " + instance) + (detail.isEmpty() ? "" : " (" + detail + ")"));
		try {
			this.writer.write(event.toCsv());
			this.writer.newLine();
			this.writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		this.writer.close();
	}

}

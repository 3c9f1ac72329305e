package io.github.kafkaresilience.benchmarks.consumer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Appends one CSV line per consumed record ({@code instance,partition,offset,key,
 * producedAtMs,consumedAtMs}) to a file. Writes are buffered so logging does not slow the
 * listener down; a timer flushes them so the harness sees progress while the instance
 * runs, and {@link #close()} flushes the rest when Spring closes the context, after the
 * listener containers have stopped.
 *
 * @author kafka-resilience
 */
final class ConsumptionLog implements AutoCloseable {

	private final String instance;

	private final BufferedWriter writer;

	private final ScheduledExecutorService flusher;

	// With --bench.flush-interval=0 every line reaches the OS before the listener
	// returns, so a SIGKILL (which loses only what is still in the JVM's buffer) cannot
	// make a consumed record look lost.
	private final boolean flushEveryLine;

	ConsumptionLog(String instance, Path file, Duration flushInterval) throws IOException {
		this.instance = instance;
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		this.flusher = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "consumption-log-flusher");
			thread.setDaemon(true);
			return thread;
		});
		this.flushEveryLine = flushInterval.isZero();
		if (!this.flushEveryLine) {
			this.flusher.scheduleAtFixedRate(this::flush, flushInterval.toMillis(), flushInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	void consumed(int partition, long offset, String key, long producedAtMs, long consumedAtMs) {
		String line = this.instance + ',' + partition + ',' + offset + ',' + key + ',' + producedAtMs + ','
				+ consumedAtMs + '\n';
		synchronized (this.writer) {
			try {
				this.writer.write(line);
				if (this.flushEveryLine) {
					this.writer.flush();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void flush() {
		synchronized (this.writer) {
			try {
				this.writer.flush();
			}
			catch (IOException ex) {
				// The next flush or close tries again; the harness reports missing lines.
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.flusher.shutdownNow();
		synchronized (this.writer) {
			this.writer.close();
		}
	}

}

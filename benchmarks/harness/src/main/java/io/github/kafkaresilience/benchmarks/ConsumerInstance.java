package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kafkaresilience.benchmarks.analysis.RunFiles;

/**
 * One consumer application instance: a name that survives restarts, and the process of
 * its current incarnation. Each incarnation writes its own consumption log and output
 * file, so a restarted instance's progress is visible on its own.
 *
 * @author kafka-resilience
 */
final class ConsumerInstance {

	private final String name;

	private final List<String> command;

	private final List<String> restartArguments;

	private final RunFiles files;

	private final ChildProcesses children;

	private Process process;

	private int incarnation = -1;

	/**
	 * Create an instance; nothing runs until {@link #start()}.
	 * @param name the instance name, also its Kafka client id prefix
	 * @param java the java executable
	 * @param options the run options
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param group the consumer group
	 * @param files the run's files
	 * @param children where processes are registered for clean-up
	 */
	ConsumerInstance(String name, String java, RunOptions options, String bootstrapServers, String topic, String group,
			RunFiles files, ChildProcesses children) {
		this.name = name;
		this.files = files;
		this.children = children;
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(options.applicationJvmOptions());
		command.addAll(List.of("-jar", options.applicationJar().toAbsolutePath().toString(),
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--bench.topic=" + topic,
				"--bench.group=" + group, "--bench.instance=" + name, "--bench.concurrency=" + options.concurrency(),
				"--bench.processing-time=" + options.processingMs() + "ms"));
		command.addAll(options.scenario().argumentsFor(name));
		options.extraApplicationArguments()
			.forEach((argument) -> command.add(argument.replace(Scenario.INSTANCE, name)));
		this.command = List.copyOf(command);
		this.restartArguments = options.restartApplicationArguments()
			.stream()
			.map((argument) -> argument.replace(Scenario.INSTANCE, name))
			.toList();
	}

	String name() {
		return this.name;
	}

	private static String name(String argument) {
		int split = argument.indexOf('=');
		return (split < 0) ? argument : argument.substring(0, split);
	}

	int incarnation() {
		return this.incarnation;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Start the next incarnation.
	 * @throws IOException if the process cannot be started
	 */
	void start() throws IOException {
		this.incarnation++;
		List<String> command = new ArrayList<>(this.command);
		if (this.incarnation > 0) {
			// Spring Boot joins repeated options with commas, so a restart argument
			// replaces the one of the same name instead of repeating it.
			for (String argument : this.restartArguments) {
				command.removeIf((existing) -> existing.startsWith("--") && name(existing).equals(name(argument)));
				command.add(argument);
			}
		}
		command.add("--bench.output=" + consumptionLog().toAbsolutePath());
		// Identity variables are cleared so that only the scenario decides identity.
		this.process = this.children
			.start(AppProcess.builder(command, this.files.applicationLog(this.name, this.incarnation)));
	}

	/**
	 * Send SIGTERM and wait for the process to exit, killing it after the grace period.
	 * @param grace how long a graceful stop may take
	 * @return {@code true} if it exited on its own
	 */
	boolean stop(Duration grace) {
		return this.children.stop(this.process, grace);
	}

	/**
	 * Kill the process with SIGKILL, as a crash or an OOM kill would, and wait for it to
	 * go.
	 */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Send a signal by name ({@code STOP}, {@code CONT}) with {@code kill}, for what
	 * {@link Process} cannot send.
	 * @param signal the signal's name without {@code SIG}
	 * @throws IOException if {@code kill} cannot be run or fails
	 */
	void signal(String signal) throws IOException {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IOException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while sending SIG" + signal, ex);
		}
	}

	/**
	 * Send SIGTERM without waiting.
	 */
	void signalStop() {
		if (this.process.isAlive()) {
			this.process.destroy();
		}
	}

	/**
	 * The exit code of the current incarnation, once it has exited.
	 * @return the exit code
	 */
	int exitCode() {
		return this.process.exitValue();
	}

	/**
	 * The consumption log of the current incarnation.
	 * @return the path
	 */
	Path consumptionLog() {
		return this.files.consumed(this.name, this.incarnation);
	}

	/**
	 * Whether the current incarnation has logged at least one consumed record.
	 * @return {@code true} once it consumed
	 */
	boolean hasConsumed() {
		try {
			return Files.size(consumptionLog()) > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

}

package io.github.kafkaresilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.kafkaresilience.benchmarks.analysis.RunFiles;

/**
 * One consumer application instance: a name that survives restarts, and the process of
 * its current incarnation. Each incarnation writes its own consumption log and output.
 *
 * @author kafka-resilience
 */
final class ConsumerInstance {

	private final String name;

	private final List<String> command;

	private final List<String> restartArguments;

	private final RunFiles files;

	private final Processes processes;

	private Process process;

	private int incarnation = -1;

	// Kubernetes keeps a pod's name when it restarts a killed container in place, and
	// names the pod that replaces a stopped one anew.
	private int pod;

	private boolean replaced;

	ConsumerInstance(String name, List<String> command, List<String> restartArguments, RunFiles files,
			Processes processes) {
		this.name = name;
		this.command = command.stream().map(this::resolve).toList();
		this.restartArguments = restartArguments.stream().map(this::resolve).toList();
		this.files = files;
		this.processes = processes;
	}

	private String resolve(String argument) {
		return argument.replace(Scenario.INSTANCE, this.name);
	}

	private static String optionName(String argument) {
		int split = argument.indexOf('=');
		return (split < 0) ? argument : argument.substring(0, split);
	}

	String name() {
		return this.name;
	}

	int incarnation() {
		return this.incarnation;
	}

	long pid() {
		return this.process.pid();
	}

	Process process() {
		return this.process;
	}

	void start() throws IOException {
		this.incarnation++;
		List<String> command = new ArrayList<>(this.command);
		if (this.incarnation > 0) {
			// Spring Boot joins repeated options with commas, so a restart argument
			// replaces the one of the same name instead of repeating it.
			for (String argument : this.restartArguments) {
				command.removeIf(
						(existing) -> existing.startsWith("--") && optionName(existing).equals(optionName(argument)));
				command.add(argument);
			}
		}
		if (this.replaced) {
			this.pod++;
			this.replaced = false;
		}
		command.replaceAll((argument) -> argument.replace(Scenario.POD, podName()));
		command.add("--bench.output=" + consumptionLog().toAbsolutePath());
		this.process = this.processes.startApplication(command, this.files.applicationLog(this.name, this.incarnation));
	}

	/**
	 * SIGTERM, and wait for the process to exit, killing it after the grace period.
	 * @return {@code true} if it exited on its own
	 */
	boolean stop(Duration grace) {
		this.replaced = true;
		return this.processes.stop(this.process, grace);
	}

	/**
	 * SIGKILL, as a crash or an OOM kill would, and wait for the process to go.
	 */
	void kill() {
		Processes.awaitExit(this.process.destroyForcibly(), Duration.ofSeconds(10));
	}

	void signalStop() {
		this.replaced = true;
		if (this.process.isAlive()) {
			this.process.destroy();
		}
	}

	// <deployment>-<template hash>-<5 characters of Kubernetes' alphabet>, as the starter
	// recognises a Deployment pod.
	private String podName() {
		String alphabet = "bcdfghjklmnpqrstvwxz2456789";
		StringBuilder suffix = new StringBuilder();
		for (int rest = Math.floorMod((this.name + "/" + this.pod).hashCode(), 14_348_907); suffix
			.length() < 5; rest /= 27) {
			suffix.append(alphabet.charAt(rest % 27));
		}
		return "bench-5d9f8b6c4d-" + suffix;
	}

	int exitCode() {
		return this.process.exitValue();
	}

	Path consumptionLog() {
		return this.files.consumed(this.name, this.incarnation);
	}

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

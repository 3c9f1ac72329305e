/**
 * Reads the logs of a benchmark run and computes what it measured.
 */
package io.github.kafkaresilience.benchmarks.analysis;

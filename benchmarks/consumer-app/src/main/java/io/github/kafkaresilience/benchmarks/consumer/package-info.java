/**
 * The consumer application the benchmarks restart.
 */
package io.github.kafkaresilience.benchmarks.consumer;

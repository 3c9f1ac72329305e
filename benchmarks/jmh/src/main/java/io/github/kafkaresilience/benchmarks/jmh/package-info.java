/**
 * JMH micro-benchmarks of the calls kafka-resilience puts on a consumer's path.
 */
package io.github.kafkaresilience.benchmarks.jmh;

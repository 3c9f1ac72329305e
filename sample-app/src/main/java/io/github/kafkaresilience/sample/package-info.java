/**
 * Runnable demo of kafka-resilience: an order-processing service, its load generator and
 * the knobs that make its consumer group slow, stuck or stopped.
 */
package io.github.kafkaresilience.sample;

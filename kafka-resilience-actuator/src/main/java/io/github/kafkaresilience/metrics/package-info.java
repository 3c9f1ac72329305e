/**
 * Micrometer meters for the signals of each consumer group.
 */
package io.github.kafkaresilience.metrics;

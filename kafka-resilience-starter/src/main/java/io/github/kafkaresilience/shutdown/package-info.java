/**
 * Graceful stop of listener containers on application shutdown, bounded by
 * {@code kafka.resilience.shutdown.timeout}.
 */
package io.github.kafkaresilience.shutdown;

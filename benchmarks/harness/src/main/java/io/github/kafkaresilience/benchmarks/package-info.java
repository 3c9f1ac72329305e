/**
 * The rolling-restart driver: broker and consumer processes, the producer, the group
 * observer.
 */
package io.github.kafkaresilience.benchmarks;

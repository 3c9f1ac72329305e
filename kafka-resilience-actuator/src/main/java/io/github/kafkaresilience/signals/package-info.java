/**
 * The four signals per consumer group (lag and its rate, rebalance rate, poll interval
 * against {@code max.poll.interval.ms}, consumers against partitions) and the verdict
 * drawn from them, refreshed in the background into an immutable snapshot.
 */
package io.github.kafkaresilience.signals;

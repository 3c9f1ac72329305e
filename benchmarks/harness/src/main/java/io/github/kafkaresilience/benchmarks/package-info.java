/**
 * The benchmark drivers (rolling restart, overhead, scale) and what they share: broker
 * and application processes, producers, the group observer, the endpoint load loop.
 */
package io.github.kafkaresilience.benchmarks;

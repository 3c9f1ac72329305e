/**
 * Auto-configuration and configuration properties of kafka-resilience
 * ({@code kafka.resilience.*}).
 */
package io.github.kafkaresilience.autoconfigure;

/**
 * The {@code kafkaConsumers} health contributor: one child per consumer group, served
 * from the snapshot.
 */
package io.github.kafkaresilience.health;

/**
 * Records every partition assignment, revocation and loss into a bounded history per
 * consumer group.
 */
package io.github.kafkaresilience.rebalance;

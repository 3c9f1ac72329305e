/**
 * Static group membership: a stable {@code group.instance.id} per consumer, derived from
 * the host's identity only when that identity survives a restart.
 */
package io.github.kafkaresilience.membership;

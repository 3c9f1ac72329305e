/**
 * What the broker decides for a group on the consumer group protocol (KIP-848): its
 * heartbeat interval and session timeout, read from the {@code GROUP} config resource,
 * and, when the user opts in, set there at startup.
 */
package io.github.kafkaresilience.groupconfig;

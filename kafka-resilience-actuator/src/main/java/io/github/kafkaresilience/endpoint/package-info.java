/**
 * The read-only {@code kafkaconsumers} actuator endpoint.
 */
package io.github.kafkaresilience.endpoint;

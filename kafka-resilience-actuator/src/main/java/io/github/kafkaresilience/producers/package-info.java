/**
 * How durable the application's producers' writes are: each producer's {@code acks} and
 * idempotence against the replication of the topics it writes to, read from the broker,
 * with a finding and the fix for every setting that can lose or duplicate records.
 */
package io.github.kafkaresilience.producers;

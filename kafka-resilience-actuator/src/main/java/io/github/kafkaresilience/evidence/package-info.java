/**
 * What this application sees of its own listeners that no broker shows: records completed
 * and failed per partition, the call in flight, pauses.
 */
package io.github.kafkaresilience.evidence;

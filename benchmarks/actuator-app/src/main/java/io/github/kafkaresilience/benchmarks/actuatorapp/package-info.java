/**
 * The consumer application of the overhead and scale benchmarks, with actuator over HTTP.
 */
package io.github.kafkaresilience.benchmarks.actuatorapp;

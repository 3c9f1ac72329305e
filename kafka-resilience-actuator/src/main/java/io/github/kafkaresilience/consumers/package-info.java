/**
 * What the application knows about its own consumers: effective settings per listener and
 * membership incidents such as a fenced instance id.
 */
package io.github.kafkaresilience.consumers;

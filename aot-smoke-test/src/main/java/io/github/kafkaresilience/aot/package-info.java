/**
 * An application run from Spring's ahead-of-time generated code in its test.
 */
package io.github.kafkaresilience.aot;

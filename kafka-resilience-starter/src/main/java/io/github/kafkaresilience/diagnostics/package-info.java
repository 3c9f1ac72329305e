/**
 * Startup failures for invalid configuration, reported in Spring Boot's failure-analysis
 * style.
 */
package io.github.kafkaresilience.diagnostics;

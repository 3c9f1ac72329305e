/**
 * Safe consumer defaults, filled in per listener container only where the user set
 * nothing, and the startup report that says which value won.
 */
package io.github.kafkaresilience.defaults;

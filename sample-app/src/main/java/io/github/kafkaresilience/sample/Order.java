package io.github.kafkaresilience.sample;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as it travels on the topic, as JSON.
 *
 * @param orderId unique, sequential id; also the record key
 * @param customerId the customer
 * @param amount the order total
 * @param createdAt when the order was placed
 */
public record Order(String orderId, String customerId, BigDecimal amount, Instant createdAt) {

}

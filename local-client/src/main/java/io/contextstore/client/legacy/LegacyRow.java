package io.contextstore.client.legacy;

/** One row of an ADR-053 client's {@code sync_queue}; {@code action} is null in the first table shape. */
public record LegacyRow(long id, String action, String payload, String createdAt, int attempts) {
}

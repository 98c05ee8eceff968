package io.contextstore.platform.web;

import java.time.Duration;

/** A dependency (Kafka, PostgreSQL) is unreachable: 503 with Retry-After, never a 2xx. */
public class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

package io.contextstore.client.http;

/** The server could not be reached or answered that it cannot serve now (5xx, 429): try again later. */
public class ServerUnavailable extends RuntimeException {

    public ServerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

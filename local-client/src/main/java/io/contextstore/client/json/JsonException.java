package io.contextstore.client.json;

/** Input that is not the JSON it should be; the message says what and where. */
public class JsonException extends RuntimeException {

    public JsonException(String message) {
        super(message);
    }
}

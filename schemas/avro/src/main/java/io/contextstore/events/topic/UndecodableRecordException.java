package io.contextstore.events.topic;

/** A record whose bytes do not decode with the topic's codec: a poison record for consumers. */
public class UndecodableRecordException extends RuntimeException {

    public UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.contextstore.query.live.decision;

import java.time.Duration;

/**
 * The text of a Server-Sent Events stream (WHATWG HTML, "server-sent events"). Each event's {@code id} is its
 * cursor, so the {@code Last-Event-ID} a client sends back when it reconnects is where it resumes.
 */
public final class SseFrames {

    /** A comment: ignored by clients, it keeps the connection busy for proxies and shows a dead peer. */
    public static final String HEARTBEAT = ": heartbeat\n\n";

    private SseFrames() {
    }

    public static String retry(Duration delay) {
        return "retry: " + delay.toMillis() + "\n\n";
    }

    /** One event; every line of the data becomes a {@code data:} line, as the format requires. */
    public static String event(long id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 48)
                .append("id: ").append(id).append('\n')
                .append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }
}

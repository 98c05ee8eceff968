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

    /**
     * One event; every line of the data becomes a {@code data:} line, as the format requires. Scanned by hand, not
     * split by a pattern: every event of every stream passes here, and a regular expression over each kilobyte of
     * JSON was a tenth of the instance's CPU with a thousand streams open.
     */
    public static String event(long id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 48)
                .append("id: ").append(id).append('\n')
                .append("event: ").append(name).append('\n');
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                frame.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++; // CRLF is one line break
                }
                start = i + 1;
            }
        }
        frame.append("data: ").append(data, start, data.length()).append('\n');
        return frame.append('\n').toString();
    }
}

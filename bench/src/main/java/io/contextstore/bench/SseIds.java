package io.contextstore.bench;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * Finds the {@code id:} lines of a Server-Sent Events stream in its raw bytes, across buffer boundaries, without
 * decoding the rest. The stream section's thousand clients run in the JVM they measure: decoding every event's
 * UTF-8 to split it into lines had about a quarter of that JVM's CPU samples at 10,000 events a second (JFR), more
 * than the pushes, and the services were short of those cores.
 */
final class SseIds {

    private enum State { LINE_START, I, D, NUMBER, SKIP }

    private final LongConsumer ids;
    private State state = State.LINE_START;
    private long value;
    private boolean digits;

    /** @param ids told each id, in stream order */
    SseIds(LongConsumer ids) {
        this.ids = ids;
    }

    /** Reads the buffer's remaining bytes; leaves its position at its limit. */
    void scan(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            accept(buffer.get());
        }
    }

    private void accept(byte b) {
        if (b == '\n' || b == '\r') {
            if (state == State.NUMBER && digits) {
                ids.accept(value);
            }
            state = State.LINE_START;
            return;
        }
        state = switch (state) {
            case LINE_START -> b == 'i' ? State.I : State.SKIP;
            case I -> b == 'd' ? State.D : State.SKIP;
            case D -> b == ':' ? startNumber() : State.SKIP;
            case NUMBER -> digit(b);
            case SKIP -> State.SKIP;
        };
    }

    private State startNumber() {
        value = 0;
        digits = false;
        return State.NUMBER;
    }

    /** Digits, after optional spaces; anything else makes the line no id. */
    private State digit(byte b) {
        if (b == ' ' && !digits) {
            return State.NUMBER;
        }
        if (b < '0' || b > '9') {
            return State.SKIP;
        }
        value = value * 10 + (b - '0');
        digits = true;
        return State.NUMBER;
    }
}

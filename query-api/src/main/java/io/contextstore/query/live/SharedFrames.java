package io.contextstore.query.live;

import io.contextstore.query.live.decision.SseFrames;
import io.contextstore.query.pull.EventView;
import io.contextstore.query.pull.PullPage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each event's Server-Sent Event, rendered once for all the streams that read it. {@link SharedReads} shares a read
 * only between callers the policies answer alike, so every member of a team reads a new event on a read of their
 * own; the event as read is the same for each of them, and a frame depends on nothing else. Frames are kept by the
 * event's value ({@link EventView} is a record), never by its position: an event read again in another state (an
 * edited item no longer current) is another key. Kept until they add up to {@link #BUDGET} characters, then forgotten
 * all at once: streams read an event within moments of its projection, so only the newest ones are read again.
 */
final class SharedFrames {

    /** Characters of frames held; the keys hold about as much again (the events' data). */
    static final long BUDGET = 2L * 1024 * 1024;

    private final JsonMapper json;
    private final ConcurrentHashMap<EventView, String> frames = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();

    SharedFrames(JsonMapper json) {
        this.json = json;
    }

    String event(EventView event) {
        String frame = frames.get(event);
        if (frame == null) {
            frame = SseFrames.event(event.cursor(), "event", json.writeValueAsString(event));
            // approximate under races, which only forget frames sooner or later
            if (held.addAndGet(frame.length()) > BUDGET) {
                frames.clear();
                held.set(frame.length());
            }
            frames.put(event, frame);
        }
        return frame;
    }

    /** Erasures are rare: rendered each time. */
    String erasure(PullPage.ErasureView erasure) {
        return SseFrames.event(erasure.offset() + 1, "erasure", json.writeValueAsString(erasure));
    }

    int size() {
        return frames.size();
    }
}

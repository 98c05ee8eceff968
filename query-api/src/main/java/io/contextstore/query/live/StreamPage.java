package io.contextstore.query.live;

import io.contextstore.query.pull.EventView;
import io.contextstore.query.pull.PullPage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A page of a stream as it goes on the wire: its events and erasures rendered as Server-Sent Events once, so the
 * streams that share a read (see {@link SharedReads}) share its rendering too, and streams that read an event on
 * reads of their own share its frame ({@link SharedFrames}). The frames are never changed.
 *
 * @param frames     the page's events and erasures in log order, each with its cursor (offset + 1) as id
 * @param nextCursor where the stream reads next
 * @param hasMore    whether the read left events behind it (a full page)
 * @param watermark  how far the projection had reached when the page was read
 */
record StreamPage(byte[] frames, long nextCursor, boolean hasMore, long watermark) {

    static StreamPage render(PullPage page, SharedFrames frames) {
        StringBuilder text = new StringBuilder();
        List<EventView> events = page.events();
        List<PullPage.ErasureView> erasures = page.erasures();
        int e = 0;
        int x = 0;
        while (e < events.size() || x < erasures.size()) {
            boolean erasureFirst = e == events.size()
                    || (x < erasures.size() && erasures.get(x).offset() < events.get(e).offset());
            text.append(erasureFirst ? frames.erasure(erasures.get(x++)) : frames.event(events.get(e++)));
        }
        return new StreamPage(text.toString().getBytes(StandardCharsets.UTF_8), page.nextCursor(), page.hasMore(),
                page.watermark());
    }
}

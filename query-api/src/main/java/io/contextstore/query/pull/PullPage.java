package io.contextstore.query.pull;

import java.util.List;

/**
 * A page of a pull. Paging with {@code nextCursor} until {@code hasMore} is false sees every event
 * of the tenant projected below {@code watermark}, in offset order, each once (invariant I4), and every
 * erasure of a user in the same range once (ADR 33): a device deletes that user's rows below its offset.
 */
public record PullPage(List<EventView> events, long nextCursor, boolean hasMore, long watermark, List<ErasureView> erasures,
                       ScopesView scopes) {

    /** A user's keys were destroyed at {@code offset}: what they held below it is gone. */
    public record ErasureView(long offset, String userId) {
    }

    /**
     * The projects whose confined items the caller reads now (ADR 36), as of this page. A device keeps the list it
     * last applied: a project gone from it was lost (delete its rows), a new one gained (pull its history with
     * {@code project_id} from cursor 0 up to the device's cursor). Clients that ignore it lose nothing they may read.
     */
    public record ScopesView(List<String> projects) {
    }
}

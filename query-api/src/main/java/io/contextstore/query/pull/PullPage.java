package io.contextstore.query.pull;

import java.util.List;

/**
 * A page of a pull. Paging with {@code nextCursor} until {@code hasMore} is false sees every event
 * of the tenant projected below {@code watermark}, in offset order, each once (invariant I4), and every
 * erasure of a user in the same range once (ADR 33): a device deletes that user's rows below its offset.
 */
public record PullPage(List<EventView> events, long nextCursor, boolean hasMore, long watermark, List<ErasureView> erasures) {

    /** A user's keys were destroyed at {@code offset}: what they held below it is gone. */
    public record ErasureView(long offset, String userId) {
    }
}

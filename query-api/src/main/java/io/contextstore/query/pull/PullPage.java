package io.contextstore.query.pull;

import java.util.List;

/**
 * A page of a pull. Paging with {@code nextCursor} until {@code hasMore} is false sees every event
 * of the tenant projected below {@code watermark}, in offset order, each once (invariant I4).
 */
record PullPage(List<EventView> events, long nextCursor, boolean hasMore, long watermark) {
}

package io.contextstore.query.search;

import java.util.List;

/**
 * A page of hits, best first; {@code nextCursor} is null when there is no further page. Search
 * indexes behind the projector: {@code watermark} is the position (a pull cursor) before which every
 * event of the tenant was searchable when the page was read; pass a push's cursor as
 * {@code wait_for} to search with read-your-writes.
 */
record SearchPage(List<SearchHit> hits, String nextCursor, boolean hasMore, long watermark) {
}

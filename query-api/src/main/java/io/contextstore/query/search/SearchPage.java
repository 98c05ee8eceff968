package io.contextstore.query.search;

import java.util.List;

/** A page of hits, best first; {@code nextCursor} is null when there is no further page. */
record SearchPage(List<SearchHit> hits, String nextCursor, boolean hasMore) {
}

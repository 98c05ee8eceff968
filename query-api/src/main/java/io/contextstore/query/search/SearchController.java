package io.contextstore.query.search;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/context/search}: full-text search over every kind the caller may pull, best
 * first, under the same row-level security and visibility as pulls (ADR 0030).
 */
@RestController
class SearchController {

    private final SearchReader reader;

    private final QueryProperties properties;

    SearchController(@Qualifier(QueryConfiguration.DATABASE) Database database, QueryProperties properties) {
        this.reader = new SearchReader(new ReadScope(database));
        this.properties = properties;
    }

    @GetMapping({"/api/v1/context/search", "/api/v1/context/search/"})
    SearchPage search(AccessToken token, HttpServletRequest request) {
        SearchRequest search = SearchRequest.from(QueryParameters.of(request, SearchRequest.PARAMETERS), properties);
        search.barrier().await(() -> reader.watermark(token), properties.waitPoll());
        return reader.page(token, search);
    }
}

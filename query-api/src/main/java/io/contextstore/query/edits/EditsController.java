package io.contextstore.query.edits;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadScope;
import io.contextstore.query.edits.decision.ItemPath;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of edits (ADR 39): an item's history, and the items in conflict. What the caller may read is the row
 * policies' to say, as for lists: an item of a project the caller is not in has no history for them (404).
 */
@RestController
class EditsController {

    private final ReadScope scope;
    private final QueryProperties properties;

    EditsController(@Qualifier(QueryConfiguration.DATABASE) Database database, QueryProperties properties) {
        this.scope = new ReadScope(database);
        this.properties = properties;
    }

    /** {@code decisions/<id>/history}, ...: every version of the item, oldest first. */
    @GetMapping({"/api/v1/context/{endpoint}/{id}/history", "/api/v1/context/{endpoint}/{id}/history/"})
    ItemHistory.History history(@PathVariable String endpoint, @PathVariable String id, AccessToken token,
                                HttpServletRequest request) {
        QueryParameters.of(request, Set.of());
        ItemPath path = ItemPath.of(endpoint, id);
        return scope.read(token, jdbc -> ItemHistory.of(jdbc, path));
    }

    /** {@code conflicts/}: the items in conflict, each with its current versions; resolve one by naming them all. */
    @GetMapping({"/api/v1/context/conflicts", "/api/v1/context/conflicts/"})
    Map<String, List<ItemHistory.History>> conflicts(AccessToken token, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, Set.of("limit"));
        int limit = (int) parameters.longValue("limit", properties.defaultLimit(), 1, properties.maxLimit());
        return Map.of("conflicts", scope.read(token, jdbc -> ItemHistory.conflicts(jdbc, limit)));
    }
}

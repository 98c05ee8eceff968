package io.contextstore.query.lists;

import io.contextstore.events.EventKind;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.query.Cursors;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadScope;
import io.contextstore.query.lists.decision.Listing;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET <kind>/}: {"<kind>": [...], "next_cursor": n}, paged by cursor. */
@RestController
class ListController {

    private static final Set<String> PARAMETERS = Set.of("cursor", "limit");

    private final ReadScope scope;
    private final QueryProperties properties;

    ListController(@Qualifier(QueryConfiguration.DATABASE) Database database, QueryProperties properties) {
        this.scope = new ReadScope(database);
        this.properties = properties;
    }

    /** {@code tasks/}, {@code decisions/} ...: each kind's endpoint in the catalogue. */
    @GetMapping({"/api/v1/context/{endpoint}", "/api/v1/context/{endpoint}/"})
    Map<String, Object> list(@PathVariable String endpoint, AccessToken token, HttpServletRequest request) {
        EventKind kind = EventKind.fromEndpoint(endpoint).orElseThrow(() ->
                ApiProblem.notFound("no such endpoint: GET /api/v1/context/" + endpoint));
        return list(kind, token, request);
    }

    private Map<String, Object> list(EventKind kind, AccessToken token, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request, PARAMETERS);
        long cursor = Cursors.position(parameters, "cursor");
        int limit = (int) parameters.longValue("limit", properties.defaultLimit(), 1, properties.maxLimit());
        List<Object> params = List.of(token.tenantId(), cursor, limit);
        List<Map<String, Object>> rows = scope.read(token, jdbc -> jdbc.sql(Listing.sql(kind)).params(params).query()
                .listOfRows()).stream().map(ListController::jsonReady).toList();
        long next = rows.isEmpty() ? cursor : ((Number) rows.get(rows.size() - 1).get("cursor")).longValue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind.listName(), rows);
        body.put("next_cursor", next);
        return body;
    }

    private static Map<String, Object> jsonReady(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((column, value) -> out.put(column, jsonValue(value)));
        return out;
    }

    private static Object jsonValue(Object value) {
        try {
            if (value instanceof Timestamp timestamp) {
                return timestamp.toInstant();
            }
            if (value instanceof Array array) {
                return Arrays.asList((Object[]) array.getArray());
            }
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException("unreadable column value", e);
        }
    }
}

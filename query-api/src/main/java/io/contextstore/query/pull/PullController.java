package io.contextstore.query.pull;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadScope;
import io.contextstore.query.pull.decision.PullRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/context/pull}: every kind from a cursor on. With {@code wait_for} it first waits,
 * bounded, until the projector has reached that position: a push's cursor becomes a read-your-writes
 * barrier for any device.
 */
@RestController
class PullController {

    private final EventReader reader;
    private final QueryProperties properties;

    PullController(@Qualifier(QueryConfiguration.DATABASE) Database database, QueryProperties properties) {
        this.reader = new EventReader(new ReadScope(database));
        this.properties = properties;
    }

    @GetMapping({"/api/v1/context/pull", "/api/v1/context/pull/"})
    PullPage pull(AccessToken token, HttpServletRequest request) {
        PullRequest pull = PullRequest.from(QueryParameters.of(request, PullRequest.PARAMETERS),
                properties);
        pull.barrier().await(() -> reader.watermark(token), properties.waitPoll());
        return reader.page(token, pull);
    }

}

package io.contextstore.query.pull;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadScope;
import io.contextstore.query.live.Admission;
import io.contextstore.query.live.LiveExecutors;
import io.contextstore.query.live.ProjectionListener;
import io.contextstore.query.pull.decision.PullRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code GET /api/v1/context/pull}: every kind from a cursor on. With {@code wait_for} it first waits,
 * bounded, until the projector has reached that position: a push's cursor becomes a read-your-writes
 * barrier for any device. The wait holds no request thread and is woken by the projector's commit (ADR 38).
 */
@RestController
class PullController {

    private final EventReader reader;
    private final QueryProperties properties;
    private final Admission admission;
    private final ProjectionListener listener;
    private final LiveExecutors executors;

    PullController(@Qualifier(QueryConfiguration.DATABASE) Database database, QueryProperties properties,
                   Admission admission, ProjectionListener listener, LiveExecutors executors) {
        this.reader = new EventReader(new ReadScope(database));
        this.properties = properties;
        this.admission = admission;
        this.listener = listener;
        this.executors = executors;
    }

    /**
     * One mapping for both: a second one told apart by {@code params = "wait_for"} would make Spring decode the
     * query string while choosing, and an undecodable one would be a 500 instead of the 400 naming it. A pull that
     * need not wait is read on this thread; the result is only handed back through the same asynchronous return.
     */
    @GetMapping({"/api/v1/context/pull", "/api/v1/context/pull/"})
    DeferredResult<PullPage> pull(AccessToken token, HttpServletRequest request) {
        PullRequest pull = PullRequest.from(QueryParameters.of(request, PullRequest.PARAMETERS), properties);
        if (pull.barrier().position() == null) {
            DeferredResult<PullPage> now = new DeferredResult<>();
            now.setResult(reader.page(token, pull));
            return now;
        }
        return WaitingPull.start(token, pull, reader, executors, listener,
                admission.admit(Admission.Hold.WAIT, token.tenantId()));
    }
}

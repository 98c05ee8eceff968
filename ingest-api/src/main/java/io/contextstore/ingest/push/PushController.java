package io.contextstore.ingest.push;

import io.contextstore.events.EventKind;
import io.contextstore.ingest.push.decision.PushContext;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write side of the API. Each endpoint takes one item or {@code {"items": [...]}}; the generic
 * push needs a {@code kind} per item, the others imply it.
 */
@RestController
class PushController {

    private final PushService pushes;
    private final JsonBodies bodies;
    private final int maxBatchItems;

    PushController(PushService pushes, JsonBodies bodies, PushSettings settings) {
        this.pushes = pushes;
        this.bodies = bodies;
        this.maxBatchItems = settings.maxBatchItems();
    }

    @PostMapping(path = "/api/v1/context/push", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> push(AccessToken token, HttpServletRequest request) {
        return handle(token, request, null);
    }

    /**
     * {@code share/}: a personal item of the caller made readable by a project or the tenant (ADR 36), as a new
     * event naming it; the personal one stays. The item is sent as it was pushed, with {@code shares} and
     * {@code scope}: its content proves it is the caller's (403 otherwise).
     */
    @PostMapping(path = {"/api/v1/context/share", "/api/v1/context/share/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> share(AccessToken token, HttpServletRequest request) {
        return answer(pushes.push(PushRequests.share(bodies.read(request), token)));
    }

    /** {@code tasks/}, {@code decisions/} ... (each kind's endpoint in the catalogue): the original client's paths. */
    @PostMapping(path = {"/api/v1/context/{endpoint}", "/api/v1/context/{endpoint}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> kind(@PathVariable String endpoint, AccessToken token, HttpServletRequest request) {
        EventKind kind = EventKind.fromEndpoint(endpoint).orElseThrow(() ->
                ApiProblem.notFound("no such endpoint: POST /api/v1/context/" + endpoint));
        return handle(token, request, kind);
    }

    private ResponseEntity<?> handle(AccessToken token, HttpServletRequest request, EventKind impliedKind) {
        PushContext command = PushRequests.read(bodies.read(request), impliedKind, maxBatchItems, token);
        List<PushResult> results = pushes.push(command);
        if (command.batch()) {
            return ResponseEntity.ok(Map.of("results", results));
        }
        return answer(results);
    }

    private static ResponseEntity<?> answer(List<PushResult> results) {
        PushResult result = results.get(0);
        HttpStatus status = result.status() == PushResult.Status.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(result);
    }
}

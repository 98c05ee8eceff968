package io.contextstore.ingest.push;

import io.contextstore.events.EventKind;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    @PostMapping(path = {"/api/v1/context/tasks", "/api/v1/context/tasks/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> tasks(AccessToken token, HttpServletRequest request) {
        return handle(token, request, EventKind.TASK);
    }

    @PostMapping(path = {"/api/v1/context/decisions", "/api/v1/context/decisions/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> decisions(AccessToken token, HttpServletRequest request) {
        return handle(token, request, EventKind.DECISION);
    }

    @PostMapping(path = {"/api/v1/context/learnings", "/api/v1/context/learnings/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> learnings(AccessToken token, HttpServletRequest request) {
        return handle(token, request, EventKind.LEARNING);
    }

    @PostMapping(path = {"/api/v1/context/error-solutions", "/api/v1/context/error-solutions/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> errorSolutions(AccessToken token, HttpServletRequest request) {
        return handle(token, request, EventKind.ERROR_SOLUTION);
    }

    @PostMapping(path = {"/api/v1/context/messages", "/api/v1/context/messages/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> messages(AccessToken token, HttpServletRequest request) {
        return handle(token, request, EventKind.MESSAGE);
    }

    @PostMapping(path = {"/api/v1/context/project-context", "/api/v1/context/project-context/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> projectContext(AccessToken token, HttpServletRequest request) {
        return handle(token, request, EventKind.PROJECT_CONTEXT);
    }

    private ResponseEntity<?> handle(AccessToken token, HttpServletRequest request, EventKind impliedKind) {
        PushContext command = PushRequests.read(bodies.read(request), impliedKind, maxBatchItems, token);
        List<PushResult> results = pushes.push(command);
        if (command.batch()) {
            return ResponseEntity.ok(Map.of("results", results));
        }
        PushResult result = results.get(0);
        HttpStatus status = result.status() == PushResult.Status.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(result);
    }
}

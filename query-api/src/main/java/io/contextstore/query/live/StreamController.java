package io.contextstore.query.live;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.live.decision.StreamRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/context/stream}: Server-Sent Events, the tenant's events from a cursor on (catch-up),
 * then each as the projector commits it (ADR 38). Each event's id is its cursor; a client reconnects with
 * {@code Last-Event-ID} and misses nothing and sees nothing twice. What it shows is what a pull shows.
 */
@RestController
class StreamController {

    private final Streams streams;
    private final Admission admission;
    private final QueryProperties properties;

    StreamController(Streams streams, Admission admission, QueryProperties properties) {
        this.streams = streams;
        this.admission = admission;
        this.properties = properties;
    }

    @GetMapping({"/api/v1/context/stream", "/api/v1/context/stream/"})
    void stream(AccessToken token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        StreamRequest stream = StreamRequest.from(QueryParameters.of(request, StreamRequest.PARAMETERS),
                request.getHeader(StreamRequest.LAST_EVENT_ID), properties);
        Admission.Permit permit = admission.admit(Admission.Hold.STREAM, token.tenantId());
        try {
            streams.open(token, stream, request, response, permit);
        } catch (IOException | RuntimeException e) {
            permit.close();
            throw e;
        }
    }
}

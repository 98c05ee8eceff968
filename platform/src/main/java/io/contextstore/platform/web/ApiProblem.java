package io.contextstore.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A client's mistake, answered as RFC 9457 problem+json with a status below 500. Nothing has been
 * written when one is thrown.
 *
 * @param errors one entry per offending field: a JSON Pointer (RFC 6901) into the request body and what is wrong
 */
public class ApiProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://contextstore.dev/problems/";

    public record FieldError(String pointer, String detail) {
    }

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    private ApiProblem(HttpStatus status, String type, String title, String detail, List<FieldError> errors,
                       Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** The caller holds as much of a shared resource as it may: 429, and when trying again may succeed. */
    public static ApiProblem tooManyRequests(String detail, Duration retryAfter) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", detail, List.of(),
                retryAfter);
    }

    public static ApiProblem invalidField(String pointer, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                (pointer.isEmpty() ? "body" : pointer) + ": " + detail, List.of(new FieldError(pointer, detail)));
    }

    public static ApiProblem malformedJson(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail, List.of());
    }

    public static ApiProblem invalidParameter(String name, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid query parameter",
                name + ": " + detail, List.of(new FieldError(name, detail)));
    }

    public static ApiProblem invalidHeader(String name, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header", name + ": " + detail,
                List.of(new FieldError(name, detail)));
    }

    public static ApiProblem payloadTooLarge(long limitBytes) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "the request body exceeds " + limitBytes + " bytes", List.of());
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                detail, List.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail, List.of());
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return TYPE_BASE + type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** When the client may try again (the Retry-After header), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> extraProperties() {
        return errors.isEmpty() ? Map.of() : Map.of("errors", errors);
    }
}

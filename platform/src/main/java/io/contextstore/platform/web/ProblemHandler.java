package io.contextstore.platform.web;

import io.contextstore.platform.auth.InvalidTokenException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.contextstore.platform.db.DatabaseFailures;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem+json. Client mistakes are 4xx naming what is wrong; an
 * unreachable Kafka or PostgreSQL is 503 with Retry-After; anything else is a 500 that reveals nothing.
 * Spring's own exceptions (415, 405, 406, 404 ...) are mapped by the base class.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setType(URI.create(problem.type()));
        body.setTitle(problem.title());
        problem.extraProperties().forEach(body::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return respond(problem.status(), body, headers);
    }

    @ExceptionHandler(InvalidTokenException.class)
    ResponseEntity<ProblemDetail> invalidToken(InvalidTokenException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        body.setType(URI.create(ApiProblem.TYPE_BASE + "invalid-token"));
        body.setTitle("Invalid token");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        return respond(HttpStatus.UNAUTHORIZED, body, headers);
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
        log.warn("503: {}", e.getMessage());
        return serviceUnavailable(e.getMessage(), e.retryAfter());
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> database(RuntimeException e) {
        if (!DatabaseFailures.isUnavailable(e)) {
            return unexpected(e);
        }
        log.warn("503: database unavailable: {}", e.getMessage());
        return serviceUnavailable("the database is unavailable; retry later", DATABASE_RETRY_AFTER);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("500: unexpected failure", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; nothing was acknowledged");
        body.setType(URI.create(ApiProblem.TYPE_BASE + "internal-error"));
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, body, new HttpHeaders());
    }

    private static ResponseEntity<ProblemDetail> serviceUnavailable(String detail, Duration retryAfter) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        body.setType(URI.create(ApiProblem.TYPE_BASE + "service-unavailable"));
        body.setTitle("Service unavailable");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return respond(HttpStatus.SERVICE_UNAVAILABLE, body, headers);
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail body, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}

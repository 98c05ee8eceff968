package io.contextstore.platform.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} (the gateway sets one) when it is a
 * plain token, otherwise a new UUID. The id goes into the log context and back in the response
 * header, so a client's report, the gateway's log and the services' logs meet on one value. After
 * the request, one access line: method, path (no query string), status, duration. Never headers or
 * bodies: tokens and payloads stay out of the logs.
 */
public final class RequestContextFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ACCESS_LOGGER = "io.contextstore.access";

    /** Only what cannot forge a log line or smuggle data: letters, digits and a few separators. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request.getHeader(HEADER));
        long started = System.nanoTime();
        LogContext.request(requestId);
        response.setHeader(HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (!request.getRequestURI().startsWith("/actuator")) {
                access.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            LogContext.clear();
        }
    }

    static String requestId(String given) {
        return given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}

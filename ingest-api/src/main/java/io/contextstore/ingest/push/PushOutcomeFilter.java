package io.contextstore.ingest.push;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts push requests that were refused, by the status they got: a filter rather than the
 * controller, so refusals that never reach it (415, a bad token, an oversized body) count too.
 */
final class PushOutcomeFilter extends OncePerRequestFilter {

    private final PushMetrics metrics;

    PushOutcomeFilter(PushMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if ("POST".equals(request.getMethod())) {
                int status = response.getStatus();
                if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                    metrics.unavailable();
                } else if (status >= 400 && status < 500) {
                    metrics.rejected();
                }
            }
        }
    }
}

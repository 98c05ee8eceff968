package io.contextstore.platform.observability;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * What every log line of a request carries besides its message: the request id (set by
 * {@link RequestContextFilter}) and, once the bearer token is verified, the tenant id. Never
 * anything from the payload or the token itself.
 */
public final class LogContext {

    public static final String REQUEST_ID = "request_id";
    public static final String TENANT_ID = "tenant_id";

    private LogContext() {
    }

    /** Called where a token has been verified: from here on the request's log lines name its tenant. */
    public static void tenant(UUID tenantId) {
        MDC.put(TENANT_ID, tenantId.toString());
    }

    static void request(String requestId) {
        MDC.put(REQUEST_ID, requestId);
    }

    static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(TENANT_ID);
    }
}

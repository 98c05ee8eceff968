package io.contextstore.query.audit;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API: a granted auditor reads a tenant's log as it is in Kafka (duplicates and refused
 * records included) and the audit chain the projector stored, to recompute and compare the chain
 * independently. Streams are JSON Lines ({@code application/x-ndjson}), written on the request
 * thread so no async timeout cuts a long replay; everything that can fail with a 4xx or 503 is
 * checked before the first byte.
 */
@RestController
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    private static final Set<String> EVENT_PARAMETERS = Set.of("from_offset", "from_time");
    private static final Set<String> LINK_PARAMETERS = Set.of("from_offset");

    private final AuditAccess access;
    private final TenantLog log;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditController(@Qualifier(QueryConfiguration.DATABASE) Database database, TenantLog log) {
        this.access = new AuditAccess(database);
        this.log = log;
    }

    @GetMapping("/api/v1/audit/tenants/{tenant}/events")
    void events(AccessToken token, @PathVariable("tenant") String tenantText, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        QueryParameters parameters = QueryParameters.of(request, EVENT_PARAMETERS);
        TenantLog.Start start = start(parameters);
        UUID tenant = access.authorize(token, tenantText);
        try (TenantLog.Read read = log.open(tenant, start)) {
            response.setContentType(NDJSON);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Log-Partition", Integer.toString(read.partition()));
            response.setHeader("Log-Start-Offset", Long.toString(read.startOffset()));
            response.setHeader("Log-End-Offset", Long.toString(read.endOffset()));
            OutputStream out = response.getOutputStream();
            read.forEach(record -> ChainReader.write(json, out, EventLines.of(record, tenant)));
            out.flush();
        }
    }

    @GetMapping("/api/v1/audit/tenants/{tenant}/chain")
    Map<String, Object> chain(AccessToken token, @PathVariable("tenant") String tenantText, HttpServletRequest request) {
        QueryParameters.of(request, Set.of());
        UUID tenant = access.authorize(token, tenantText);
        return access.read(token, tenant, jdbc -> ChainReader.head(jdbc, tenant.toString()));
    }

    @GetMapping("/api/v1/audit/tenants/{tenant}/chain/links")
    void links(AccessToken token, @PathVariable("tenant") String tenantText, HttpServletRequest request,
               HttpServletResponse response) throws IOException {
        QueryParameters parameters = QueryParameters.of(request, LINK_PARAMETERS);
        long fromOffset = parameters.longValue("from_offset", 0, 0, Long.MAX_VALUE);
        UUID tenant = access.authorize(token, tenantText);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        OutputStream out = response.getOutputStream();
        access.read(token, tenant, jdbc -> {
            ChainReader.links(jdbc, fromOffset, json, out);
            return null;
        });
        out.flush();
    }

    private static TenantLog.Start start(QueryParameters parameters) {
        String offset = parameters.text("from_offset");
        String time = parameters.text("from_time");
        if (offset != null && time != null) {
            throw ApiProblem.invalidParameter("from_time", "give from_offset or from_time, not both");
        }
        if (offset != null) {
            return new TenantLog.Start.AtOffset(parameters.longValue("from_offset", 0, 0, Long.MAX_VALUE));
        }
        if (time != null) {
            try {
                return new TenantLog.Start.AtTime(Instant.parse(time));
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidParameter("from_time", "must be an RFC 3339 timestamp such as 2026-11-25T10:15:30Z");
            }
        }
        return new TenantLog.Start.Beginning();
    }
}

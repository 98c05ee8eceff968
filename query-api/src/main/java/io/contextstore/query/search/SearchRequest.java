package io.contextstore.query.search;

import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.search.SearchDocuments;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadBarrier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A validated search: the text as typed, which kinds and project, how many hits, and where the
 * previous page ended. Every mistake is a 400 naming the parameter, before any SQL runs.
 */
record SearchRequest(String q, List<String> kinds, String projectId, int limit, SearchCursor after,
                     ReadBarrier barrier) {

    static final Set<String> PARAMETERS = Set.of("q", "kinds", "project_id", "limit", "cursor", "wait_for", "timeout_ms");
    /** In characters (code points). At 4 bytes each it stays under PostgreSQL's 2,047-byte tsquery word limit. */
    static final int MAX_QUERY_LENGTH = 500;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** The identifier rule of the push API (docs/api.md), so a project id that cannot exist is a mistake. */
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+#-]{0,127}");

    static SearchRequest from(QueryParameters parameters, QueryProperties properties) {
        String q = query(parameters.text("q"));
        List<String> kinds = kinds(parameters.text("kinds"));
        String projectId = parameters.text("project_id");
        if (projectId != null && !PROJECT_ID.matcher(projectId).matches()) {
            throw ApiProblem.invalidParameter("project_id", "must be 1 to 128 characters of letters, digits and "
                    + ". _ : / @ + # -, starting with a letter or digit (as pushed)");
        }
        int limit = (int) parameters.longValue("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String fingerprint = fingerprint(q, kinds, projectId);
        String cursor = parameters.text("cursor");
        SearchCursor after = cursor == null || cursor.isEmpty() ? null : SearchCursor.decode(cursor, fingerprint);
        return new SearchRequest(q, kinds, projectId, limit, after, ReadBarrier.from(parameters, properties));
    }

    /** What a page token is bound to: a cursor of one search is refused by another. */
    String fingerprint() {
        return fingerprint(q, kinds, projectId);
    }

    private static String query(String q) {
        if (q == null || q.isBlank()) {
            throw ApiProblem.invalidParameter("q", "is required: the words to search for");
        }
        if (q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
            throw ApiProblem.invalidParameter("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '\u0000') {
                // PostgreSQL text cannot hold NUL: refused here rather than failing in the driver
                throw ApiProblem.invalidParameter("q", "must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < q.length() && Character.isLowSurrogate(q.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiProblem.invalidParameter("q", "contains an unpaired UTF-16 surrogate");
            }
        }
        return q;
    }

    private static List<String> kinds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        TreeSet<String> kinds = new TreeSet<>();
        for (String name : text.split(",", -1)) {
            String kind = name.trim();
            if (!SearchDocuments.SEARCHABLE_KINDS.contains(kind)) {
                throw ApiProblem.invalidParameter("kinds", "\"" + kind + "\" is not a searchable kind; known: "
                        + String.join(", ", SearchDocuments.SEARCHABLE_KINDS));
            }
            kinds.add(kind);
        }
        return List.copyOf(new ArrayList<>(kinds));
    }

    private static String fingerprint(String q, List<String> kinds, String projectId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String bound = q + '\u0000' + String.join(",", kinds) + '\u0000' + (projectId == null ? "" : projectId);
            byte[] digest = sha.digest(bound.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

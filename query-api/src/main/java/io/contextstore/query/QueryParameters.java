package io.contextstore.query;

import io.contextstore.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strict query parameters: unknown names and malformed values are 400s naming the parameter. */
public final class QueryParameters {

    /** How Tomcat names the parameter it could not decode. */
    private static final Pattern NAMED = Pattern.compile("Parameter \\[([^\\]]{1,64})\\]");

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values, Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiProblem.invalidParameter(name, "is not a known parameter; known: " + new java.util.TreeSet<>(allowed));
            }
            if (values.get(name).length > 1) {
                throw ApiProblem.invalidParameter(name, "is given more than once");
            }
        }
        this.values = values;
    }

    /**
     * The request's parameters. A query string that is not valid UTF-8 once percent-decoded (a lone
     * surrogate, an overlong form) makes the servlet container throw; that is the client's mistake, a 400.
     */
    public static QueryParameters of(HttpServletRequest request, Set<String> allowed) {
        Map<String, String[]> values;
        try {
            values = request.getParameterMap();
        } catch (IllegalStateException undecodable) {
            Matcher named = NAMED.matcher(String.valueOf(undecodable.getMessage()));
            String name = named.find() && allowed.contains(named.group(1)) ? named.group(1) : "query string";
            throw ApiProblem.invalidParameter(name, "is not valid UTF-8 once percent-decoded");
        }
        return new QueryParameters(values, allowed);
    }

    public String text(String name) {
        String[] given = values.get(name);
        return given == null ? null : given[0];
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        String text = text(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw ApiProblem.invalidParameter(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidParameter(name, "must be an integer");
        }
    }
}

package io.contextstore.query;

import io.contextstore.platform.web.ApiProblem;
import java.util.Map;
import java.util.Set;

/** Strict query parameters: unknown names and malformed values are 400s naming the parameter. */
public final class QueryParameters {

    private final Map<String, String[]> values;

    public QueryParameters(Map<String, String[]> values, Set<String> allowed) {
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

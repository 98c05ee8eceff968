package io.contextstore.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, read as tests need it: the sum of a metric's samples whose labels match. */
record Prometheus(String text) {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    /** Sum of the samples of {@code metric} whose label set contains {@code labels}; fails when none exists. */
    double value(String metric, String labels) {
        Matcher matcher = SAMPLE.matcher(text);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            if (matcher.group(1).equals(metric) && (matcher.group(2) == null ? "" : matcher.group(2)).contains(labels)) {
                sum += Double.parseDouble(matcher.group(3));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no sample of " + metric + " with " + labels);
        }
        return sum;
    }
}

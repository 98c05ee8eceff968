package io.contextstore.redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a user declared not secret: one entry a line, an exact string, or {@code regex:<pattern>} that must
 * match the whole matched text; blank lines and lines starting with {@code #} are ignored. A finding whose
 * secret is allowed is not redacted.
 */
public final class Allowlist {

    public static final String REGEX_PREFIX = "regex:";
    private static final Allowlist EMPTY = new Allowlist(Set.of(), List.of());

    private final Set<String> exact;
    private final List<Pattern> patterns;

    private Allowlist(Set<String> exact, List<Pattern> patterns) {
        this.exact = Set.copyOf(exact);
        this.patterns = List.copyOf(patterns);
    }

    public static Allowlist empty() {
        return EMPTY;
    }

    /** The entries of {@code lines}; a regex that does not compile is an error naming its line, not a silent miss. */
    public static Allowlist of(List<String> lines) {
        Set<String> exact = new HashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(REGEX_PREFIX)) {
                try {
                    patterns.add(Pattern.compile(line.substring(REGEX_PREFIX.length())));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("allowlist line " + (i + 1) + ": not a regular expression: "
                            + e.getDescription());
                }
            } else {
                exact.add(line);
            }
        }
        return exact.isEmpty() && patterns.isEmpty() ? EMPTY : new Allowlist(exact, patterns);
    }

    /** The allowlist in {@code file}, or the empty one when there is no such file. */
    public static Allowlist load(Path file) {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        try {
            return of(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the redaction allowlist " + file, e);
        }
    }

    public boolean isEmpty() {
        return exact.isEmpty() && patterns.isEmpty();
    }

    public boolean allows(String secret) {
        if (exact.contains(secret)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(secret).matches()) {
                return true;
            }
        }
        return false;
    }
}

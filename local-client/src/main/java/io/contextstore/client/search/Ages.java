package io.contextstore.client.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as a person reads them in a terminal ("3h ago"), and {@code --since} as a person types it. */
public final class Ages {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhdw])");

    private Ages() {
    }

    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3_600) {
            return seconds / 60 + "m ago";
        }
        if (seconds < 48 * 3_600) {
            return seconds / 3_600 + "h ago";
        }
        if (seconds < 60 * 86_400) {
            return seconds / 86_400 + "d ago";
        }
        return then.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /**
     * {@code 30m}, {@code 3h}, {@code 7d}, {@code 2w} before {@code now}, a date ({@code 2026-01-31}, UTC
     * midnight) or an instant; an {@link IllegalArgumentException} naming the accepted forms otherwise.
     */
    public static Instant since(String text, Instant now) {
        Matcher duration = DURATION.matcher(text.strip());
        if (duration.matches()) {
            long amount = Long.parseLong(duration.group(1));
            Duration unit = switch (duration.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--since takes a duration (30m, 3h, 7d, 2w), a date (2026-01-31)"
                        + " or an instant (2026-01-31T12:00:00Z), not \"" + text + "\"");
            }
        }
    }

    /** An instant stored as text, or null when there is none or it is not one. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package io.contextstore.client.profile;

import java.util.regex.Pattern;

/**
 * What a profile may be called. A name becomes a directory under {@code $CTX_HOME/profiles}, so it is kept to lower
 * case letters, digits, {@code -} and {@code _} (no separator, no {@code ..}, the same file on a case-insensitive disk).
 */
public final class ProfileName {

    /** The profile that lives in {@code $CTX_HOME} itself: the single-account layout from before profiles. */
    public static final String DEFAULT = "default";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private ProfileName() {
    }

    /** {@code name} when it is one; otherwise a {@link ProfileException} naming where it came from. */
    public static String checked(String name, String source) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new ProfileException("not a profile name: \"" + printable(name) + "\" (" + source
                    + "); use 1 to 40 lower case letters, digits, - or _, starting with a letter or digit");
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** A name as it may be shown in a message: control characters escaped, cut at 60 characters. */
    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return name.codePointCount(0, name.length()) > 60 ? shown + "…" : shown.toString();
    }
}

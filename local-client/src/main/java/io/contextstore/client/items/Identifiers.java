package io.contextstore.client.items;

/** Makes free text into an identifier the API accepts: 1 to 128 of {@code [A-Za-z0-9._:/@+#-]}, starting alphanumeric. */
public final class Identifiers {

    public static final int MAX = 128;

    private Identifiers() {
    }

    public static String sanitize(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(allowed(c) ? c : '-');
        }
        if (out.length() == 0 || !Character.isLetterOrDigit(out.charAt(0)) || out.charAt(0) > 'z') {
            out.insert(0, 'x');
        }
        return out.length() > MAX ? out.substring(0, MAX) : out.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ".:_/@+#-".indexOf(c) >= 0;
    }
}

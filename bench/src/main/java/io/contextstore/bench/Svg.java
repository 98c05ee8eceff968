package io.contextstore.bench;

/** The few SVG elements the benchmark's charts draw. */
public final class Svg {

    private Svg() {
    }

    public static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1, y1, x2, y2, color);
    }

    public static String text(double x, double y, String text, String anchor, String color) {
        return String.format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n", x, y, anchor, color, text);
    }
}

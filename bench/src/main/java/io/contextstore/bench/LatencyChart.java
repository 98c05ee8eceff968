package io.contextstore.bench;

import java.util.List;

/** A small SVG line chart of push→pull latency (p50 and p99) against the event rate, log-scaled on x. */
final class LatencyChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int BOTTOM = 60;
    private static final int TOP = 40;
    private static final int RIGHT = 30;

    private LatencyChart() {
    }

    /** @param points {rate, p50 ms, p99 ms} in increasing rate */
    static String svg(List<double[]> points) {
        double maxLatency = points.stream().mapToDouble(p -> p[2]).max().orElse(1) * 1.15;
        double minRate = Math.log10(points.get(0)[0]);
        double maxRate = Math.log10(points.get(points.size() - 1)[0]);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append("<text x=\"").append(WIDTH / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">")
                .append("Push → visible-in-pull latency against rate</text>\n");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(Svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "black"))
                .append(Svg.line(LEFT, TOP, LEFT, TOP + plotH, "black"));
        for (int i = 0; i <= 5; i++) {
            double value = maxLatency * i / 5;
            double y = TOP + plotH - plotH * i / 5.0;
            svg.append(Svg.line(LEFT, y, LEFT + plotW, y, "#e0e0e0"))
                    .append(Svg.text(LEFT - 8, y + 4, String.format("%.0f ms", value), "end", "black"));
        }
        for (double[] point : points) {
            double x = x(point[0], minRate, maxRate, plotW);
            svg.append(Svg.text(x, TOP + plotH + 18, String.format("%,.0f/s", point[0]), "middle", "black"));
        }
        svg.append(Svg.text(LEFT + plotW / 2.0, HEIGHT - 15, "events per second (log scale)", "middle", "black"));
        svg.append(series(points, 1, minRate, maxRate, maxLatency, plotW, plotH, "#1f77b4"))
                .append(series(points, 2, minRate, maxRate, maxLatency, plotW, plotH, "#d62728"))
                .append(Svg.text(LEFT + 10, TOP + 14, "p50", "start", "#1f77b4"))
                .append(Svg.text(LEFT + 50, TOP + 14, "p99", "start", "#d62728"))
                .append("</svg>\n");
        return svg.toString();
    }

    private static String series(List<double[]> points, int column, double minRate, double maxRate, double maxLatency,
                                 int plotW, int plotH, String color) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (double[] point : points) {
            double x = x(point[0], minRate, maxRate, plotW);
            double y = TOP + plotH - plotH * point[column] / maxLatency;
            path.append(path.isEmpty() ? "M" : " L").append(String.format("%.1f %.1f", x, y));
            dots.append(String.format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", x, y, color));
        }
        return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"/>\n" + dots;
    }

    private static double x(double rate, double minRate, double maxRate, int plotW) {
        double span = Math.max(1e-9, maxRate - minRate);
        return LEFT + 20 + (plotW - 40) * (Math.log10(rate) - minRate) / span;
    }
}

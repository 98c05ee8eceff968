package io.contextstore.bench.faults;

import io.contextstore.bench.Svg;
import java.util.List;

/**
 * The campaign at a glance (SVG): items acknowledged per second and the p99 of push requests over the run,
 * each fault a shaded band from injection to heal, labelled with its number in the results table.
 */
final class CampaignChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String THROUGHPUT = "#1f77b4";
    private static final String P99 = "#d62728";

    private CampaignChart() {
    }

    static String svg(List<Timeline.Second> seconds, List<Timeline.Marker> faults) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        double span = Math.max(1, seconds.size() - 1);
        double maxRate = niceCeiling(seconds.stream().mapToLong(Timeline.Second::acknowledged).max().orElse(1));
        double maxP99 = niceCeiling(seconds.stream().mapToDouble(Timeline.Second::p99Millis).filter(v -> !Double.isNaN(v))
                .max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(Svg.text(WIDTH / 2.0, 22, "Fault campaign: items acknowledged per second and push p99, faults shaded", "middle", "black"));
        for (int i = 0; i < faults.size(); i++) {
            Timeline.Marker fault = faults.get(i);
            double from = LEFT + plotW * fault.injected() / span;
            double to = LEFT + plotW * (fault.healed() < 0 ? span : fault.healed()) / span;
            svg.append(String.format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f2c94c\" opacity=\"0.35\"/>%n",
                    from, TOP, Math.max(2, to - from), plotH));
            svg.append(Svg.text(from + 2, TOP - 6, Integer.toString(i + 1), "start", "black"));
        }
        svg.append(Svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "black")).append(Svg.line(LEFT, TOP, LEFT, TOP + plotH, THROUGHPUT))
                .append(Svg.line(LEFT + plotW, TOP, LEFT + plotW, TOP + plotH, P99));
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(Svg.line(LEFT, y, LEFT + plotW, y, "#e0e0e0"))
                    .append(Svg.text(LEFT - 6, y + 4, String.format("%,.0f", maxRate * i / 4), "end", THROUGHPUT))
                    .append(Svg.text(LEFT + plotW + 6, y + 4, String.format("%,.0f ms", maxP99 * i / 4), "start", P99));
        }
        for (int i = 0; i <= 6; i++) {
            double x = LEFT + plotW * i / 6.0;
            svg.append(Svg.text(x, TOP + plotH + 18, String.format("%.0f s", span * i / 6), "middle", "black"));
        }
        svg.append(Svg.text(LEFT + plotW / 2.0, HEIGHT - 14, "seconds since the load started", "middle", "black"))
                .append(series(seconds, s -> (double) s.acknowledged(), maxRate, span, plotW, plotH, THROUGHPUT))
                .append(series(seconds, Timeline.Second::p99Millis, maxP99, span, plotW, plotH, P99))
                .append(Svg.text(LEFT + 8, TOP + 14, "items acknowledged / s", "start", THROUGHPUT))
                .append(Svg.text(LEFT + plotW - 8, TOP + 14, "push request p99 (ms)", "end", P99))
                .append("</svg>\n");
        return svg.toString();
    }

    private static String series(List<Timeline.Second> seconds, java.util.function.ToDoubleFunction<Timeline.Second> value,
                                 double max, double span, int plotW, int plotH, String color) {
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (Timeline.Second second : seconds) {
            double v = value.applyAsDouble(second);
            if (Double.isNaN(v)) {
                pen = false; // no request answered in that second: a gap, not a zero
                continue;
            }
            double x = LEFT + plotW * second.second() / span;
            double y = TOP + plotH - plotH * Math.min(v, max) / max;
            path.append(pen ? " L" : " M").append(String.format("%.1f %.1f", x, y));
            pen = true;
        }
        return "<path d=\"" + path.toString().trim() + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\"/>\n";
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: axis labels a person reads. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}

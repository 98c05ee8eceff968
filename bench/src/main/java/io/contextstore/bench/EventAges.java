package io.contextstore.bench;

import io.contextstore.projector.ProjectorMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The projector's own record of how old each event was when its commit made it visible
 * ({@code contextstore.projector.event.age}, a percentile histogram of cumulative buckets), read before and after a
 * rate: the difference of the buckets is the rate's distribution, so each quantile is known to its bucket (an upper
 * bound; Micrometer's buckets are about a tenth apart). It splits push → visible at the projector's commit.
 */
final class EventAges {

    private final Timer timer;
    private final HistogramSnapshot before;

    private EventAges(Timer timer) {
        this.timer = timer;
        this.before = timer.takeSnapshot();
    }

    static EventAges start(ConfigurableApplicationContext projector) {
        return new EventAges(projector.getBean(MeterRegistry.class).get(ProjectorMeters.EVENT_AGE).timer());
    }

    /** "p50 / p99" of the ages recorded since {@link #start}, in ms, each the upper bound of its bucket. */
    String describe() {
        HistogramSnapshot now = timer.takeSnapshot();
        double total = now.count() - before.count();
        return total <= 0 ? "-" : String.format("%s / %s", at(now.histogramCounts(), 0.5, total),
                at(now.histogramCounts(), 0.99, total));
    }

    private String at(CountAtBucket[] after, double quantile, double total) {
        CountAtBucket[] earlier = before.histogramCounts();
        for (int i = 0; i < after.length; i++) {
            if (after[i].count() - earlier[i].count() >= quantile * total) {
                return String.format("≤ %.1f", after[i].bucket(TimeUnit.MILLISECONDS));
            }
        }
        return "> " + String.format("%.0f", after[after.length - 1].bucket(TimeUnit.MILLISECONDS));
    }
}

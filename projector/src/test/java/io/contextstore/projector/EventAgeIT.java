package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Operators see how old an event was when the projector's commit made it visible, measured from the log. */
class EventAgeIT {

    private final ProjectorFixture fixture = new ProjectorFixture();

    @Test
    void anEventLoggedADayAgoIsRecordedAsADayOldWhenItsCommitMakesItVisible() throws Exception {
        UUID tenant = UUID.randomUUID();
        try (ConfigurableApplicationContext projector = fixture.startInProcess()) {
            fixture.publishAt(ProjectorFixture.decision(tenant, "logged long ago"), Instant.now().minus(Duration.ofDays(1)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    fixture.count(tenant, "SELECT count(*) FROM context_events") == 1);

            Timer age = projector.getBean(MeterRegistry.class).get(ProjectorMeters.EVENT_AGE).timer();
            assertThat(age.count()).isPositive();
            // a day: older than any other record this module's tests leave in the shared topic for this projector
            assertThat(age.max(TimeUnit.SECONDS)).isBetween(86_400.0, 86_400.0 + 300);
        }
    }
}

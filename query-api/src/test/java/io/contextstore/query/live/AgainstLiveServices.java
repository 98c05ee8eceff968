package io.contextstore.query.live;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Tests of the live read side: the three services started once per class, every held connection given back after each test. */
abstract class AgainstLiveServices {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static LiveFixture live;

    @BeforeAll
    static void start() {
        live = new LiveFixture();
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @AfterEach
    void everyStreamAndWaitIsGivenBack() {
        await().atMost(PATIENCE).until(() -> live.admission().held(Admission.Hold.STREAM) == 0
                && live.admission().held(Admission.Hold.WAIT) == 0);
    }
}

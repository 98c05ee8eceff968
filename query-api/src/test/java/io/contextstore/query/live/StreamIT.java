package io.contextstore.query.live;

import static io.contextstore.query.live.LiveFixture.decision;
import static io.contextstore.query.live.LiveFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.query.live.SseClient.Event;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The stream against the real services (ingest API, projector, query API as separate applications), a real
 * broker and a real PostgreSQL, read by a real HTTP client on a socket: catch-up then live, resuming by
 * Last-Event-ID with no gap and no repeat across restarts, the same visibility as pulls, the slow reader.
 */
class StreamIT extends AgainstLiveServices {

    @Test
    void aStreamCatchesUpFromItsCursorThenCarriesEachNewEventLiveWithItsCursorAsId() {
        String alice = live.login("alice");
        List<Long> before = live.push(alice, List.of(decision("one"), decision("two"), decision("three")));

        try (SseClient stream = SseClient.open(live.queryUrl(), "/api/v1/context/stream?cursor=0", alice, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).startsWith("text/event-stream");
            List<Event> caughtUp = stream.take(3, PATIENCE);
            assertThat(caughtUp).extracting(Event::id).containsExactlyElementsOf(before);
            assertThat(caughtUp).extracting(e -> e.json().get("data").get("title").stringValue())
                    .containsExactly("one", "two", "three");
            assertThat(caughtUp).allSatisfy(e -> {
                assertThat(e.name()).isEqualTo("event");
                assertThat(e.json().get("cursor").longValue()).isEqualTo(e.id());
            });

            List<Long> after = live.push(alice, List.of(decision("four"), decision("five")));
            assertThat(stream.take(2, PATIENCE)).extracting(Event::id).containsExactlyElementsOf(after);
            await().atMost(PATIENCE).until(() -> stream.heartbeats() >= 2); // 300 ms apart here, 15 s by default
            assertThat(stream.drainReceived()).isEmpty();
        }
    }

    @Test
    void aReconnectWithLastEventIdResumesWithNoGapAndNoRepeatAcrossAProjectorRestart() {
        String alice = live.login("alice");
        List<Long> first = live.push(alice, List.of(decision("a1"), decision("a2"), decision("a3")));
        SseClient leaving = SseClient.open(live.queryUrl(), "/api/v1/context/stream", alice, null);
        SseClient staying = SseClient.open(live.queryUrl(), "/api/v1/context/stream", alice, null);
        long lastSeen = leaving.take(3, PATIENCE).get(2).id();
        assertThat(staying.take(3, PATIENCE)).extracting(Event::id).containsExactlyElementsOf(first);

        live.stopProjector();
        List<Long> second = live.push(alice, List.of(decision("b1"), decision("b2"), decision("b3"), decision("b4")));
        leaving.close();
        live.startProjector();

        // the URL still says cursor=0, as a browser's reconnect does: the header wins
        try (SseClient resumed = SseClient.open(live.queryUrl(), "/api/v1/context/stream?cursor=0", alice, lastSeen);
             staying) {
            assertThat(resumed.take(4, PATIENCE)).extracting(Event::id).containsExactlyElementsOf(second);
            assertThat(staying.take(4, PATIENCE)).extracting(Event::id).containsExactlyElementsOf(second);
            long marker = live.push(alice, List.of(decision("marker"))).get(0);
            assertThat(resumed.take(1, PATIENCE)).extracting(Event::id).containsExactly(marker);
            assertThat(staying.take(1, PATIENCE)).extracting(Event::id).containsExactly(marker);
        }
    }

    @Test
    void aReconnectWithLastEventIdResumesWithNoGapAndNoRepeatAcrossAnApiInstanceRestart() {
        String alice = live.login("alice");
        List<Long> first = live.push(alice, List.of(decision("a1"), decision("a2")));
        SseClient before = SseClient.open(live.queryUrl(), "/api/v1/context/stream", alice, null);
        long lastSeen = before.take(2, PATIENCE).get(1).id();
        assertThat(lastSeen).isEqualTo(first.get(1));

        live.stopQuery();
        assertThat(before.untilEnd(PATIENCE)).as("the stopping instance ends its streams; nothing more came").isEmpty();
        List<Long> second = live.push(alice, List.of(decision("b1"), decision("b2"), decision("b3")));
        live.startQuery();

        try (SseClient resumed = SseClient.open(live.queryUrl(), "/api/v1/context/stream", alice, lastSeen)) {
            assertThat(resumed.take(3, PATIENCE)).extracting(Event::id).containsExactlyElementsOf(second);
            long marker = live.push(alice, List.of(decision("marker"))).get(0);
            assertThat(resumed.take(1, PATIENCE)).extracting(Event::id).containsExactly(marker);
        }
    }

    @Test
    void anotherTenantsEventsAndAnotherMembersSessionEventsNeverAppear() {
        TestTenant team = live.tenants().create("alice");
        String alice = live.ingest().login(team.licenseKey(), "alices-laptop");
        String bob = live.ingest().login(live.tenants().member(team.tenantId(), "bob").licenseKey(), "bobs-laptop");
        String carol = live.login("carol");
        try (SseClient alices = SseClient.open(live.queryUrl(), "/api/v1/context/stream", alice, null);
             SseClient bobs = SseClient.open(live.queryUrl(), "/api/v1/context/stream", bob, null)) {
            live.push(bob, List.of(message("b-1", "bob's own words"), decision("bob's shared")));
            live.push(carol, List.of(decision("carol's decision"), message("c-1", "carol's words")));
            live.push(alice, List.of(message("a-1", "alice's own words")));
            long marker = live.push(alice, List.of(decision("marker"))).get(0);

            assertThat(untilId(alices, marker)).extracting(StreamIT::describe)
                    .containsExactly("bob decision bob's shared", "alice message alice's own words", "alice decision marker");
            assertThat(untilId(bobs, marker)).extracting(StreamIT::describe)
                    .containsExactly("bob message bob's own words", "bob decision bob's shared", "alice decision marker");
        }
    }

    @Test
    void aReaderThatStopsReadingIsDisconnectedWithoutHoldingUpAnotherAndResumesWhereItGotTo() {
        TestTenant team = live.tenants().create("alice");
        String alice = live.ingest().login(team.licenseKey(), "alices-laptop");
        long start = live.push(alice, List.of(decision("start"))).get(0);
        SseClient slow = SseClient.connect(live.queryUrl(), "/api/v1/context/stream?cursor=" + start, alice, null, 2048);
        assertThat(slow.status()).isEqualTo(200);
        String filler = "lorem ipsum dolor sit amet ".repeat(300); // about 8 KB a message
        List<Long> pushed = new ArrayList<>();
        try (SseClient fast = SseClient.open(live.queryUrl(), "/api/v1/context/stream?cursor=" + start, alice, null)) {
            for (int batch = 0; batch < 9; batch++) { // 900 messages, 7 MB: far more than any socket buffer holds
                int b = batch;
                pushed.addAll(live.push(alice, IntStream.range(0, 100)
                        .mapToObj(i -> message("m-" + b + "-" + i, filler + b + "-" + i)).toList()));
            }
            assertThat(fast.take(pushed.size(), Duration.ofSeconds(120))).extracting(Event::id)
                    .as("the reader that reads gets everything, however stuck the other one is").containsExactlyElementsOf(pushed);
            await("the instance lets the slow reader go").atMost(PATIENCE)
                    .until(() -> live.admission().held(Admission.Hold.STREAM, team.tenantId()) == 1);
        }

        slow.startReading();
        List<Event> got = slow.untilEnd(PATIENCE);
        assertThat(got.size()).as("the slow reader was cut off before the end").isLessThan(pushed.size());
        assertThat(got).extracting(Event::id).containsExactlyElementsOf(pushed.subList(0, got.size()));
        long resumeFrom = got.isEmpty() ? start : got.get(got.size() - 1).id();
        try (SseClient resumed = SseClient.open(live.queryUrl(), "/api/v1/context/stream", alice, resumeFrom)) {
            assertThat(resumed.take(pushed.size() - got.size(), Duration.ofSeconds(120))).extracting(Event::id)
                    .containsExactlyElementsOf(pushed.subList(got.size(), pushed.size()));
        }
    }

    @Test
    void aMalformedLastEventIdOrCursorIsA400NamingItAndNoTokenIsA401() {
        String alice = live.login("alice");
        try (SseClient wrong = SseClient.connect(live.queryUrl(), "/api/v1/context/stream", alice, "soon", 0)) {
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.header("content-type")).startsWith("application/problem+json");
            assertThat(wrong.body()).contains("Last-Event-ID");
        }
        ApiClient.Response badCursor = live.query().get("/api/v1/context/stream?cursor=soon", alice);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body()).contains("cursor");
        assertThat(live.query().get("/api/v1/context/stream?limit=5", alice).status()).isEqualTo(400);
        assertThat(live.query().get("/api/v1/context/stream", null).status()).isEqualTo(401);
        assertThat(live.admission().held(Admission.Hold.STREAM)).isZero();
    }

    private static List<Event> untilId(SseClient stream, long id) {
        List<Event> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1).id() < id) {
            seen.addAll(stream.take(1, PATIENCE));
        }
        return seen;
    }

    private static String describe(Event event) {
        var json = event.json();
        var data = json.get("data");
        String text = data.has("title") ? data.get("title").stringValue() : data.get("content").stringValue();
        return json.get("user_id").stringValue() + " " + json.get("kind").stringValue() + " " + text;
    }
}

package io.contextstore.ingest.push.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventScope;
import io.contextstore.ingest.push.decision.PushDecider.Append;
import io.contextstore.ingest.push.decision.PushDecider.Known;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** What the ingest refuses of an edit before anything is written, and what it appends (ADR 39). */
class EditRulesTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final UUID ITEM = UUID.fromString("00000000-0000-0000-0000-000000000011");
    private static final UUID LEARNING = UUID.fromString("00000000-0000-0000-0000-000000000022");
    private static final UUID MESSAGE = UUID.fromString("00000000-0000-0000-0000-000000000033");
    private static final UUID VERSION = UUID.fromString("00000000-0000-0000-0000-000000000044");
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final JsonBodies json = new JsonBodies(1 << 20);

    private static final IndexedEvent DECISION_ITEM = entry(ITEM, 4, "decision", EventScope.tenant(), null);
    private static final Known KNOWN = new Known(
            Map.of(ITEM, DECISION_ITEM, LEARNING, entry(LEARNING, 5, "learning", EventScope.tenant(), null),
                    MESSAGE, entry(MESSAGE, 6, "message", EventScope.personal(null), null),
                    VERSION, entry(VERSION, 9, "decision", EventScope.tenant(), ITEM)),
            Map.of(), Map.of(4L, DECISION_ITEM, 9L, entry(VERSION, 9, "decision", EventScope.tenant(), ITEM),
                    5L, entry(LEARNING, 5, "learning", EventScope.tenant(), null)));

    @Test
    void aNewVersionNamingTheItemAndItsVersionsIsAppendedWithTheEditInItsEnvelopeAndAnIdOfItsOwn() {
        ContextItem edit = parse(decision(ITEM, "[10]"));

        ContextEvent event = ((Append) PushDecider.decide(command(edit), KNOWN, NOW).get(0)).event();

        assertThat(event.getSupersedes().getItemId()).isEqualTo(ITEM.toString());
        assertThat(event.getSupersedes().getVersions()).containsExactly(10L);
        assertThat(event.getEventId()).isEqualTo(EventIdentity.editEventId(TENANT, ITEM, edit.logHash(), List.of(10L)))
                .as("the same text as a version before it (a revert) is still a new event")
                .isNotEqualTo(EventIdentity.contentEventId(TENANT, EventScope.tenant(), "alice", edit.logHash()));
        assertThat(PushDecider.contentIds(command(edit))).contains(ITEM);
        assertThat(PushDecider.versionOffsets(command(edit))).containsExactly(9L);
    }

    @Test
    void aRetractionOfAnyEditableKindIsAppendedAndNeedsWhatItRetracts() {
        ContextItem retraction = parse("{\"kind\":\"retraction\",\"reason\":\"wrong\",\"supersedes\":{\"id\":\"" + LEARNING
                + "\",\"versions\":[6]}}");

        assertThat(PushDecider.decide(command(retraction), KNOWN, NOW).get(0)).isInstanceOf(Append.class);
        assertThat(problem(() -> parse("{\"kind\":\"retraction\",\"reason\":\"wrong\"}")).errors().get(0).pointer())
                .isEqualTo("/supersedes");
    }

    @Test
    void anUnknownItemIsNotFound() {
        ContextItem edit = parse(decision(UUID.fromString("00000000-0000-0000-0000-0000000000ff"), "[1]"));

        assertThat(problem(() -> PushDecider.decide(command(edit), KNOWN, NOW)).status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anItemOfAnotherKindAVersionOfAnotherItemAndAVersionNotTheItemsAreBadRequestsNamingTheField() {
        assertThat(pointerOf(decision(LEARNING, "[6]"))).isEqualTo("/supersedes/id");
        assertThat(pointerOf(decision(VERSION, "[10]"))).isEqualTo("/supersedes/id");
        assertThat(pointerOf(decision(ITEM, "[6]"))).isEqualTo("/supersedes/versions");
        assertThat(pointerOf(decision(ITEM, "[77]"))).isEqualTo("/supersedes/versions");
    }

    @Test
    void someonesPersonalItemIsForbidden() {
        ContextItem edit = parse(decision(MESSAGE, "[7]"));

        assertThat(problem(() -> PushDecider.decide(command(edit), KNOWN, NOW)).status()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aTaskCannotBeEditedAndMalformedVersionsAreNamed() {
        assertThat(problem(() -> parse("{\"kind\":\"task\",\"task_id\":\"T\",\"description\":\"d\",\"status\":\"pending\","
                + "\"supersedes\":{\"id\":\"" + ITEM + "\",\"versions\":[1]}}")).errors().get(0).pointer()).isEqualTo("/supersedes");
        assertThat(problem(() -> parse(decision(ITEM, "[0]"))).errors().get(0).pointer()).isEqualTo("/supersedes/versions/0");
        assertThat(problem(() -> parse(decision(ITEM, "[1, \"2\"]"))).errors().get(0).pointer()).isEqualTo("/supersedes/versions/1");
        assertThat(problem(() -> parse(decision(ITEM, "[]"))).errors().get(0).pointer()).isEqualTo("/supersedes/versions");
        assertThat(problem(() -> parse(decision(ITEM, "[1]").replace(ITEM.toString(), "nope"))).errors().get(0).pointer())
                .isEqualTo("/supersedes/id");
    }

    @Test
    void anEditKeepsItsItemsScope() {
        ContextItem edit = parse(decision(ITEM, "[5]")).withScope(EventScope.project("p"));

        assertThat(problem(() -> PushDecider.decide(command(edit), KNOWN, NOW)).errors().get(0).pointer())
                .isEqualTo("/project_id");
    }

    @Test
    void anItemTheIndexKnowsNoFactsOfIsLeftToTheProjector() {
        UUID legacy = UUID.fromString("00000000-0000-0000-0000-000000000055");
        IndexedEvent entry = new IndexedEvent(legacy, "0".repeat(64), null, 0, 2);
        Known known = new Known(Map.of(legacy, entry), Map.of(), Map.of(2L, entry));

        assertThat(PushDecider.decide(command(parse(decision(legacy, "[3]"))), known, NOW).get(0)).isInstanceOf(Append.class);
    }

    private String pointerOf(String body) {
        ContextItem edit = parse(body);
        return problem(() -> PushDecider.decide(command(edit), KNOWN, NOW)).errors().get(0).pointer();
    }

    private static String decision(UUID item, String versions) {
        return "{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d2\",\"supersedes\":{\"id\":\"" + item
                + "\",\"versions\":" + versions + "}}";
    }

    private static ApiProblem problem(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem problem) {
            return problem;
        }
        throw new AssertionError("no problem");
    }

    private static IndexedEvent entry(UUID id, long offset, String kind, EventScope scope, UUID item) {
        return new IndexedEvent(id, "0".repeat(64), null, 0, offset, new IndexedEvent.Facts(kind, scope, item));
    }

    private ContextItem parse(String body) {
        return ItemParser.parse(json.parse(body.getBytes(StandardCharsets.UTF_8)), "", null);
    }

    private static PushContext command(ContextItem item) {
        return new PushContext(TENANT, "alice", "laptop", List.of(item), false);
    }
}

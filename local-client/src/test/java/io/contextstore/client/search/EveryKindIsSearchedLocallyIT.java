package io.contextstore.client.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.ClientHome;
import io.contextstore.client.Ctx;
import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.tiers.PulledEvent;
import io.contextstore.client.tiers.RowWriter;
import io.contextstore.client.tiers.Tier;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of the catalogue with text to search is searched, listed and shown on this machine with no code
 * of its own in the client (real tier files): a kind added to {@link EventKind} fails here if it is not.
 */
class EveryKindIsSearchedLocallyIT {

    @TempDir
    Path home;

    static Stream<EventKind> searchable() {
        return Stream.of(EventKind.values()).filter(kind -> kind.searchText().searchable());
    }

    @ParameterizedTest
    @MethodSource("searchable")
    void anItemOfEveryKindWithSearchTextIsFoundByEachWordOfItsTitleAndBodyListedAndShown(EventKind event) {
        Kind kind = Kind.of(event);
        Indexed indexed = Indexed.find(kind).orElseThrow(() -> new AssertionError(event + " is not searched locally"));
        String plural = event.wireName().endsWith("s") ? event.wireName() : event.wireName() + "s";
        for (String name : List.of(event.wireName(), plural, event.endpoint(), event.listName())) {
            assertThat(Indexed.named(name)).as("the kind called " + name).containsSame(indexed);
        }

        try (LocalContext context = open()) {
            Item older = item(kind, "older");
            Item item = item(kind, "newer");
            context.recordAll(List.of(older, item));
            LocalSearch search = new LocalSearch(context);

            for (String field : Stream.concat(event.searchText().title().stream(), event.searchText().body().stream()).toList()) {
                List<Entry> found = search.search(word(event, field, "newer"), Filter.all(10), LocalSearch.Highlight.BRACKETS);
                assertThat(found).as("a search for the " + field + " of " + event).extracting(Entry::contentHash)
                        .containsExactly(item.contentHash());
            }
            List<Entry> listed = search.list(indexed, new Filter(List.of(indexed), null, null, 10), null);
            // a state kind lists each entity's latest state only; a content kind lists both items
            assertThat(listed).extracting(Entry::contentHash).first().isEqualTo(item.contentHash());
            assertThat(listed).hasSize(event.isState() ? 1 : 2);

            Entry shown = search.show(listed.get(0).id()).orElseThrow();
            assertThat(shown.kind()).isSameAs(kind);
            assertThat(shown.contentHash()).isEqualTo(item.contentHash());
            String firstBody = event.searchText().body().isEmpty() ? null : word(event, event.searchText().body().get(0), "newer");
            if (!event.searchText().title().isEmpty()) {
                assertThat(shown.title()).contains(word(event, event.searchText().title().get(0), "newer"));
            }
            if (firstBody != null) {
                assertThat(shown.title() + " " + shown.body()).contains(firstBody);
            }
        }
    }

    @Test
    void kindsWithoutSearchTextAreNotSearchedAndTheOthersAreCalledByDistinctNames() {
        assertThat(Indexed.values()).extracting(indexed -> indexed.kind().event())
                .containsExactlyInAnyOrderElementsOf(searchable().toList());
        assertThat(Indexed.find(Kind.TOOL_ANALYTICS)).isEmpty();
        assertThat(Indexed.names(false)).doesNotHaveDuplicates();
        assertThat(Indexed.names(true)).doesNotHaveDuplicates();
    }

    @Test
    void theHelpOfSearchAndListAndTheMessagesOfABadKindNameEverySearchableKind() {
        Ctx ctx = new Ctx(home);
        String searchHelp = ctx.run("search", "--help").out().replaceAll("\\s+", " ");
        String listHelp = ctx.run("list", "--help").out().replaceAll("\\s+", " ");
        Ctx.Run badKind = ctx.run("search", "--kind", "nonsense", "x");
        Ctx.Run badList = ctx.run("list", "nonsense");
        for (Indexed indexed : Indexed.values()) {
            String one = Indexed.names(false).get(Indexed.values().indexOf(indexed));
            String many = Indexed.names(true).get(Indexed.values().indexOf(indexed));
            assertThat(searchHelp).as("search --help").contains(one);
            assertThat(badKind.err()).as(badKind.toString()).contains(one);
            assertThat(listHelp).as("list --help").contains(many);
            assertThat(badList.err()).contains(many);
        }
        assertThat(listHelp).contains("tools");
        assertThat(badKind.exit()).isEqualTo(2);
        assertThat(ctx.run("push").err()).contains("decision", "error-solution", "item");
    }

    @Test
    void theTasksAListingShowsAreTheLatestStatesOfTheTasksViewConfirmedOrNot() throws Exception {
        try (LocalContext context = open()) {
            context.tier(Tier.SESSIONS).inTransaction(c -> {
                try (RowWriter writer = new RowWriter(c)) {
                    writer.pulled(task(1, "t-1", "pending", "h-1"));
                    writer.pulled(task(2, "t-1", "in_progress", "h-2"));
                    writer.pulled(task(3, "t-2", "in_progress", "h-3"));
                    Item later = Item.of(Kind.TASK, Map.of("task_id", "t-2", "description", "d", "status", "completed"), null);
                    writer.local(later, later.contentHash(), null, null);
                }
                return null;
            });
            List<String> view = new ArrayList<>();
            context.tier(Tier.SESSIONS).read(c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT content_hash FROM tasks ORDER BY id DESC");
                     ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        view.add(rows.getString(1));
                    }
                }
                return null;
            });

            List<Entry> listed = new LocalSearch(context).list(Indexed.TASK, new Filter(List.of(Indexed.TASK), null, null, 10), null);

            assertThat(view).hasSize(2).contains("h-2");
            assertThat(listed).extracting(Entry::contentHash).containsExactlyInAnyOrderElementsOf(view);
        }
    }

    private LocalContext open() {
        return LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom(1));
    }

    private static PulledEvent task(long cursor, String task, String status, String hash) {
        return new PulledEvent(cursor, "e-" + cursor, Kind.TASK, "alice", "laptop", null, hash, null,
                "2026-12-01T10:00:0" + cursor + "Z", Map.of("task_id", task, "description", "d", "status", status));
    }

    /** An item with a word of its own in each searched field; of a state kind, a state of the same entity. */
    private static Item item(Kind kind, String which) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldRule rule : kind.event().fields()) {
            boolean searched = kind.searched().contains(rule.name()) && rule.type() != FieldRule.Type.TAGS;
            fields.put(rule.name(), searched ? "about " + word(kind.event(), rule.name(), which) + " here" : switch (rule.type()) {
                case TEXT, IDENTIFIER -> rule.name() + "-1";
                case CHOICE -> rule.sortedChoices().iterator().next();
                case COUNT -> which.equals("older") ? 1L : 2L;
                case TAGS -> List.of("tag-" + which);
            });
        }
        return Item.of(kind, fields, Instant.parse(which.equals("older") ? "2026-12-01T09:00:00Z" : "2026-12-01T10:00:00Z"));
    }

    /** A word found in no other field: letters only, so the tokenizer keeps it whole. */
    private static String word(EventKind kind, String field, String which) {
        return (which + kind.wireName() + field).replaceAll("[^a-z]", "") + "zq";
    }
}

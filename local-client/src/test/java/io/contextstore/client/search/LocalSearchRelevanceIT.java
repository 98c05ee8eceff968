package io.contextstore.client.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local search over a labelled set (src/test/resources/search: items.jsonl, queries.jsonl with the keys
 * a person would want in the top five). Reports recall@5 and MRR; fails if they fall below what the
 * first measurement gave, less a little, so ranking changes that make search worse are noticed.
 */
class LocalSearchRelevanceIT {

    /** First measured: recall@5 0.956, MRR 0.970 (42 queries over 105 items). */
    static final double MIN_RECALL_AT_5 = 0.93;
    static final double MIN_MRR = 0.94;

    @TempDir
    Path home;

    static List<Map<String, Object>> lines(String resource) throws IOException {
        try (InputStream in = LocalSearchRelevanceIT.class.getResourceAsStream(resource)) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(Json.parseObject(line));
                }
            }
            return lines;
        }
    }

    @Test
    void localSearchFindsWhatALabelledSetExpectsInItsTopFive() throws IOException {
        Map<String, String> keyByHash = new HashMap<>();
        List<Map<String, Object>> queries = lines("/search/queries.jsonl");
        double recall = 0;
        double reciprocalRanks = 0;
        Map<String, List<String>> misses = new LinkedHashMap<>();
        try (LocalContext context = LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom(1))) {
            List<Item> items = new ArrayList<>();
            for (Map<String, Object> line : lines("/search/items.jsonl")) {
                Map<String, Object> fields = new LinkedHashMap<>(line);
                String key = (String) fields.remove("key");
                Item item = Item.fromJson(fields);
                keyByHash.put(item.contentHash(), key);
                items.add(item);
            }
            context.recordAll(items);
            assertThat(items).hasSizeGreaterThanOrEqualTo(100);
            assertThat(queries).hasSizeGreaterThanOrEqualTo(30);

            LocalSearch search = new LocalSearch(context);
            for (Map<String, Object> query : queries) {
                @SuppressWarnings("unchecked")
                List<String> expected = (List<String>) query.get("expected");
                List<String> found = search.search((String) query.get("query"), Filter.all(5), LocalSearch.Highlight.BRACKETS)
                        .stream().map(entry -> keyByHash.get(entry.contentHash())).toList();
                long hits = expected.stream().filter(found::contains).count();
                recall += (double) hits / expected.size();
                for (int rank = 0; rank < found.size(); rank++) {
                    if (expected.contains(found.get(rank))) {
                        reciprocalRanks += 1.0 / (rank + 1);
                        break;
                    }
                }
                if (hits < expected.size()) {
                    misses.put((String) query.get("query"), found);
                }
            }
        }
        double recallAt5 = recall / queries.size();
        double mrr = reciprocalRanks / queries.size();
        System.out.printf("local search relevance: %d queries, recall@5 %.3f, MRR %.3f%n", queries.size(), recallAt5, mrr);
        misses.forEach((query, found) -> System.out.println("  incomplete: \"" + query + "\" -> " + found));

        assertThat(recallAt5).as("recall@5").isGreaterThanOrEqualTo(MIN_RECALL_AT_5);
        assertThat(mrr).as("MRR").isGreaterThanOrEqualTo(MIN_MRR);
    }
}

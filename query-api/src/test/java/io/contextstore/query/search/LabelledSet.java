package io.contextstore.query.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The labelled relevance set in src/test/resources/search (format in its README.md). */
record LabelledSet(List<Item> items, List<Query> queries) {

    /** One item: its key and the item exactly as the push API takes it. */
    record Item(String key, ObjectNode pushable) {
    }

    record Query(String query, List<String> expected) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LabelledSet load() {
        List<Item> items = new ArrayList<>();
        for (JsonNode line : lines("/search/items.jsonl")) {
            ObjectNode item = (ObjectNode) line.deepCopy();
            String key = item.remove("key").stringValue();
            items.add(new Item(key, item));
        }
        List<Query> queries = new ArrayList<>();
        for (JsonNode line : lines("/search/queries.jsonl")) {
            List<String> expected = new ArrayList<>();
            line.get("expected").forEach(key -> expected.add(key.stringValue()));
            queries.add(new Query(line.get("query").stringValue(), List.copyOf(expected)));
        }
        return new LabelledSet(List.copyOf(items), List.copyOf(queries));
    }

    /** Recall@5 and reciprocal rank of one query, given the keys of the hits in rank order. */
    record Score(double recallAt5, double reciprocalRank) {

        static Score of(List<String> ranked, List<String> expected) {
            long found = ranked.stream().limit(5).filter(expected::contains).count();
            double reciprocal = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (expected.contains(ranked.get(i))) {
                    reciprocal = 1.0 / (i + 1);
                    break;
                }
            }
            return new Score((double) found / expected.size(), reciprocal);
        }

        static Score mean(List<Score> scores) {
            return new Score(scores.stream().mapToDouble(Score::recallAt5).average().orElse(0),
                    scores.stream().mapToDouble(Score::reciprocalRank).average().orElse(0));
        }
    }

    static String json(Map<String, Object> value) {
        return JSON.writeValueAsString(value);
    }

    private static List<JsonNode> lines(String resource) {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = LabelledSet.class.getResourceAsStream(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}

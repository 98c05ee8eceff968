package io.contextstore.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every rule's keywords in one automaton (Aho-Corasick, ASCII case folded on the fly): one pass over a text
 * says which rules may match and where their keywords start, so the detector reads a text about once however
 * many rules there are, and runs a rule's pattern only at its keywords.
 */
final class Keywords {

    private static final int ALPHABET = 128;

    /** Per ASCII character (case folded): its class, 0 for the characters no keyword has. */
    private final byte[] classes = new byte[ALPHABET];
    private final int width;
    /** The transitions, {@code state * width + class}: small enough to stay in the first-level cache. */
    private final short[] next;
    private final int[][] outputs; // per state: pairs of (rule ordinal, keyword length)

    Keywords(Rule[] rules) {
        List<int[]> trie = new ArrayList<>();
        List<List<int[]>> found = new ArrayList<>();
        trie.add(new int[ALPHABET]);
        found.add(new ArrayList<>());
        for (Rule rule : rules) {
            for (String keyword : rule.keywords()) {
                int state = 0;
                for (char c : keyword.toCharArray()) {
                    if (c == 0 || c >= ALPHABET || Character.isUpperCase(c)) {
                        throw new IllegalArgumentException("keywords are lower-case ASCII: " + keyword);
                    }
                    if (trie.get(state)[c] == 0) {
                        trie.add(new int[ALPHABET]);
                        found.add(new ArrayList<>());
                        trie.get(state)[c] = trie.size() - 1;
                    }
                    state = trie.get(state)[c];
                }
                found.get(state).add(new int[] {rule.ordinal(), keyword.length()});
            }
        }
        // breadth first: failure links folded into a complete transition table, outputs merged along them
        int states = trie.size();
        int[] next = new int[states * ALPHABET];
        int[] failure = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < ALPHABET; c++) {
            int child = trie.get(0)[c];
            next[c] = child;
            if (child != 0) {
                queue[tail++] = child;
            }
        }
        while (head < tail) {
            int state = queue[head++];
            found.get(state).addAll(found.get(failure[state]));
            for (int c = 0; c < ALPHABET; c++) {
                int child = trie.get(state)[c];
                if (child != 0) {
                    failure[child] = next[failure[state] * ALPHABET + c];
                    next[state * ALPHABET + c] = child;
                    queue[tail++] = child;
                } else {
                    next[state * ALPHABET + c] = next[failure[state] * ALPHABET + c];
                }
            }
        }
        int used = 1;
        for (int c = 0; c < ALPHABET; c++) {
            for (int state = 0; state < states && classes[c] == 0; state++) {
                if (trie.get(state)[c] != 0) {
                    classes[c] = (byte) used++;
                }
            }
        }
        if (states > Short.MAX_VALUE || used > Byte.MAX_VALUE) {
            throw new IllegalStateException("too many keywords for the compact table");
        }
        width = used;
        this.next = new short[states * width];
        for (int state = 0; state < states; state++) {
            for (int c = 0; c < ALPHABET; c++) {
                this.next[state * width + classes[c]] = (short) next[state * ALPHABET + c];
            }
        }
        outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            List<int[]> out = found.get(state);
            if (!out.isEmpty()) {
                int[] pairs = new int[out.size() * 2];
                for (int i = 0; i < out.size(); i++) {
                    pairs[2 * i] = out.get(i)[0];
                    pairs[2 * i + 1] = out.get(i)[1];
                }
                outputs[state] = pairs;
            }
        }
    }

    /** Where each rule's keywords start in {@code text}, in text order, by rule ordinal; null for a rule without any. */
    int[][] scan(String text) {
        int[][] starts = null;
        int[] counts = null;
        int state = 0;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            int folded = c >= ALPHABET ? 0 : classes[c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c];
            state = next[state * width + folded];
            int[] out = outputs[state];
            if (out != null) {
                if (starts == null) {
                    starts = new int[Rule.values().length][];
                    counts = new int[starts.length];
                }
                for (int k = 0; k < out.length; k += 2) {
                    int rule = out[k];
                    int start = i - out[k + 1] + 1;
                    int[] positions = starts[rule];
                    if (positions == null) {
                        positions = starts[rule] = new int[4];
                    } else if (counts[rule] == positions.length) {
                        positions = starts[rule] = Arrays.copyOf(positions, positions.length * 2);
                    }
                    if (counts[rule] == 0 || positions[counts[rule] - 1] != start) {
                        positions[counts[rule]++] = start;
                    }
                }
            }
        }
        if (starts != null) {
            for (int rule = 0; rule < starts.length; rule++) {
                if (starts[rule] != null) {
                    starts[rule] = Arrays.copyOf(starts[rule], counts[rule]);
                }
            }
        }
        return starts;
    }
}

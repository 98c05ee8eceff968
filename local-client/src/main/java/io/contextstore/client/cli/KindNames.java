package io.contextstore.client.cli;

import io.contextstore.client.search.Indexed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The kinds a person types, from the catalogue (through {@link Indexed}), for picocli's
 * {@code ${COMPLETION-CANDIDATES}} in help texts and for messages: a new kind appears in {@code --help} with no
 * line here.
 */
final class KindNames {

    private KindNames() {
    }

    /** "decision", "learning", …: what {@code --kind} takes. */
    static final class One implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Indexed.names(false).iterator();
        }
    }

    /** "decisions", "learnings", …, and "tools" (the tool calls the hook counts): what {@code ctx list} takes. */
    static final class Listed implements Iterable<String> {
        static final String TOOLS = "tools";

        static List<String> names() {
            List<String> names = new ArrayList<>(Indexed.names(true));
            names.add(TOOLS);
            return names;
        }

        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }
}

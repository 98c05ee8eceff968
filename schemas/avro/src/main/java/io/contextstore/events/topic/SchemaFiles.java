package io.contextstore.events.topic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Parses a set of .avsc files — the current ones, or a release — into the {@code ContextEvent} schema.
 * The payload records it names are parsed first, found in its own text, so no list of schema names is
 * kept anywhere and an older release with fewer kinds parses as it is.
 */
public final class SchemaFiles {

    private static final Pattern PAYLOAD = Pattern.compile("\"io\\.contextstore\\.events\\.(\\w+)\"");

    private SchemaFiles() {
    }

    /** @param readAvsc the text of a file by its name, e.g. {@code ContextEvent.avsc} */
    public static Schema contextEvent(UnaryOperator<String> readAvsc) {
        String envelope = readAvsc.apply("ContextEvent.avsc");
        Set<String> payloads = new LinkedHashSet<>();
        Matcher matcher = PAYLOAD.matcher(envelope);
        while (matcher.find()) {
            payloads.add(matcher.group(1));
        }
        Schema.Parser parser = new Schema.Parser();
        List<String> order = new ArrayList<>(payloads);
        order.forEach(name -> parser.parse(readAvsc.apply(name + ".avsc")));
        return parser.parse(envelope);
    }
}

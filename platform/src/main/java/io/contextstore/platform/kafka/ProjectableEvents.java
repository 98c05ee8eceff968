package io.contextstore.platform.kafka;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventScope;
import io.contextstore.events.topic.UndecodableRecordException;
import io.contextstore.platform.crypto.EventSealing;
import java.util.HexFormat;

/**
 * What reading an event of the log takes of its envelope beyond its schema: a content hash the audit chain can take,
 * sealed fields whose header names their key, and a scope of a known level. The projector parks an event without them
 * as a poison record (it threw at every retry of its batch and stalled the partition), and the audit export marks it
 * undecodable, so a replay of the export keeps what the projector kept.
 */
public final class ProjectableEvents {

    private ProjectableEvents() {
    }

    /** @throws UndecodableRecordException naming what the event lacks */
    public static void check(ContextEvent event) {
        if (!isSha256Hex(event.getContentHash())) {
            throw new UndecodableRecordException("the event's content_hash is not 64 hex digits", null);
        }
        try {
            EventSealing.keyIdOf(event);
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException("the event's sealed fields name no key: " + e.getMessage(), e);
        }
        try {
            EventScope.of(event);
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException("the event's scope is none the projector knows: " + e.getMessage(), e);
        }
    }

    /** What the audit chain parses: 32 bytes in hex, of either case. */
    private static boolean isSha256Hex(String hash) {
        if (hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            if (!HexFormat.isHexDigit(hash.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

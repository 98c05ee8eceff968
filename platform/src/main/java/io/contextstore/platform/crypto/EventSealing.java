package io.contextstore.platform.crypto;

import io.contextstore.events.CanonicalJson;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.FieldRule;
import io.contextstore.events.Payloads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals an event's text fields for the log and opens them again (ADR 33). The sealed plaintext is the
 * canonical JSON {@code {"content_hash": <the item's plain hash>, "fields": {<sealed fields>}}}; the
 * payload keeps those fields empty ({@code ""}, null, no tags). The additional data binds a sealed value
 * to its tenant, subject and event id, so it cannot be replayed onto another event.
 */
public final class EventSealing {

    /** An event whose sealed fields are back in its payload, and the content hash its owner computed. */
    public record Opened(ContextEvent event, String plainHash) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The subject of the tenant's shared items. */
    private static final String TENANT = "";

    private EventSealing() {
    }

    /**
     * Whose key seals an event's fields: its author's for a user's own kinds (shared on purpose or not: a share keeps
     * its author's key, ADR 36) and for any personal item (a personal decision is erased with its author, ADR 36);
     * the tenant's ({@code ""}) for items others read.
     */
    public static String subject(EventKind kind, EventScope scope, String userId) {
        return kind.visibility() == EventKind.Visibility.USER || scope.personal() ? userId : TENANT;
    }

    /** Every subject whose key an item of {@code userId} can need, whatever its kind and scope. */
    public static Set<String> possibleSubjects(String userId) {
        return Set.of(userId, TENANT);
    }

    /** Whether events of this kind carry sealed fields at all (tool analytics has none). */
    public static boolean seals(EventKind kind) {
        return !kind.sealedFields().isEmpty();
    }

    public static ContextEvent seal(ContextEvent event, String plainHash, SubjectKey key, byte[] nonce) {
        EventKind kind = EventKind.of(event);
        Map<String, Object> data = Payloads.data(event.getPayload());
        Map<String, Object> sealed = new LinkedHashMap<>();
        for (FieldRule rule : kind.fields()) {
            if (rule.isSealed()) {
                Object value = data.get(rule.name());
                if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                    sealed.put(rule.name(), value);
                }
                data.put(rule.name(), rule.type() == FieldRule.Type.TEXT && rule.required() ? "" : null);
            }
        }
        Map<String, Object> plaintext = new LinkedHashMap<>();
        plaintext.put("content_hash", plainHash);
        plaintext.put("fields", sealed);
        byte[] bytes = key.seal(nonce, aad(event, kind), CanonicalJson.of(plaintext).getBytes(StandardCharsets.UTF_8));
        return with(event, Payloads.build(kind, data), ByteBuffer.wrap(bytes));
    }

    /** The key id an event's sealed fields need, or null when it has none. */
    public static UUID keyIdOf(ContextEvent event) {
        return event.getSealed() == null ? null : SubjectKey.keyIdOf(bytes(event.getSealed()));
    }

    /** @throws GeneralSecurityException when the key does not open it (altered, or sealed for another event) */
    @SuppressWarnings("unchecked")
    public static Opened open(ContextEvent event, SubjectKey key) throws GeneralSecurityException {
        EventKind kind = EventKind.of(event);
        byte[] plaintext = key.open(aad(event, kind), bytes(event.getSealed()));
        Map<String, Object> opened = JSON.readValue(plaintext, Map.class);
        Map<String, Object> data = Payloads.data(event.getPayload());
        data.putAll((Map<String, Object>) opened.get("fields"));
        ContextEvent plain = with(event, Payloads.build(kind, data), null);
        return new Opened(plain, (String) opened.get("content_hash"));
    }

    /** A shallow copy with another payload and sealed bytes (a builder would deep-copy every field by reflection). */
    private static ContextEvent with(ContextEvent event, Object payload, ByteBuffer sealed) {
        ContextEvent copy = new ContextEvent();
        for (int i = 0; i < event.getSchema().getFields().size(); i++) {
            copy.put(i, event.get(i));
        }
        copy.setPayload(payload);
        copy.setSealed(sealed);
        return copy;
    }

    private static byte[] aad(ContextEvent event, EventKind kind) {
        return ("contextstore/sealed/v1|" + event.getTenantId() + "|" + subject(kind, EventScope.of(event), event.getUserId()) + "|"
                + event.getEventId()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}

package io.contextstore.query.search;

import io.contextstore.platform.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of search hits ended: the rank and Kafka offset of its last hit (the order is rank
 * descending, then offset descending, and offsets are unique in a tenant), bound to the search by a
 * fingerprint of its parameters. The next page is every hit strictly after that position, so pages
 * never repeat a hit, even when events arrive between pages. A rank depends only on the event and
 * the query, never on other rows, so the same hit always has the same position.
 *
 * <p>On the wire it is opaque: base64url of {@code s1.<rank as float bits, hex>.<offset>.<fingerprint>}.
 * It is independent of the pull cursor (a Kafka offset).
 */
record SearchCursor(float rank, long offset, String fingerprint) {

    private static final String VERSION = "s1";
    private static final int MAX_LENGTH = 200;

    String encode() {
        String plain = VERSION + "." + Integer.toHexString(Float.floatToIntBits(rank)) + "." + offset + "." + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    static SearchCursor decode(String token, String expectedFingerprint) {
        if (token.length() > MAX_LENGTH) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = plain.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        float rank;
        long offset;
        try {
            rank = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[1], 16));
            offset = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (!Float.isFinite(rank) || offset < 0) {
            throw invalid();
        }
        if (!parts[3].equals(expectedFingerprint)) {
            throw ApiProblem.invalidParameter("cursor", "belongs to another search (q, kinds and project_id must stay "
                    + "the same while paging)");
        }
        return new SearchCursor(rank, offset, parts[3]);
    }

    private static ApiProblem invalid() {
        return ApiProblem.invalidParameter("cursor", "is not a search cursor: pass next_cursor of the previous page as it is");
    }
}

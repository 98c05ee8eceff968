package io.contextstore.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.platform.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SearchCursorTest {

    @Test
    void aCursorDecodesToExactlyTheRankAndOffsetItWasMadeOf() {
        SearchCursor cursor = new SearchCursor(1.0000001f, 4_000_000_000L, "abc");

        SearchCursor decoded = SearchCursor.decode(cursor.encode(), "abc");

        assertThat(decoded.rank()).isEqualTo(1.0000001f);
        assertThat(decoded.offset()).isEqualTo(4_000_000_000L);
    }

    @Test
    void aCursorOfAnotherSearchIsRefusedNamingTheCursor() {
        String token = new SearchCursor(0.5f, 7, "abc").encode();

        assertThatThrownBy(() -> SearchCursor.decode(token, "xyz")).isInstanceOf(ApiProblem.class)
                .hasMessageStartingWith("cursor:").hasMessageContaining("another search");
    }

    @Test
    void malformedOrForgedCursorsAreRefusedNamingTheCursor() {
        for (String token : new String[] {"!!", "czE", plain("s1.3f000000.7"), plain("s2.3f000000.7.abc"),
                plain("s1.zz.7.abc"), plain("s1.7f800000.7.abc"), plain("s1.3f000000.-1.abc"), "A".repeat(201)}) {
            assertThatThrownBy(() -> SearchCursor.decode(token, "abc")).as(token).isInstanceOf(ApiProblem.class)
                    .hasMessageStartingWith("cursor:");
        }
    }

    private static String plain(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}

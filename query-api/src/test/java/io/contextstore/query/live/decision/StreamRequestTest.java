package io.contextstore.query.live.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.platform.web.ApiProblem;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class StreamRequestTest {

    private final QueryProperties properties = new QueryProperties(null, 500, 1000, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMillis(10), null);

    @Test
    void withoutLastEventIdTheStreamStartsAtTheCursorAndZeroOrNoneIsTheBeginning() {
        assertThat(request("cursor=17", null).cursor()).isEqualTo(17);
        assertThat(request("", null).cursor()).isZero();
        assertThat(request("cursor=-1", null).cursor()).isZero();
    }

    @Test
    void theLastEventIdAReconnectSendsWinsOverTheCursorOfTheUrlItReopens() {
        assertThat(request("cursor=0", "41").cursor()).isEqualTo(41);
        assertThat(request("cursor=0", " ").cursor()).isZero();
    }

    @Test
    void kindsAndProjectFilterAsInAPullAndEachPageIsAPullWithoutWaiting() {
        StreamRequest stream = request("kinds=decision,learning&project_id=ctx", null);
        assertThat(stream.kinds()).containsExactly("decision", "learning");
        assertThat(stream.page(9, 50).cursor()).isEqualTo(9);
        assertThat(stream.page(9, 50).limit()).isEqualTo(50);
        assertThat(stream.page(9, 50).projectId()).isEqualTo("ctx");
        assertThat(stream.page(9, 50).barrier().position()).isNull();
    }

    @Test
    void aLastEventIdThatIsNoCursorIsA400NamingTheHeader() {
        for (String bad : List.of("soon", "-3", "1.5", "99999999999999999999")) {
            assertThatThrownBy(() -> request("", bad)).isInstanceOf(ApiProblem.class).hasMessageContaining("Last-Event-ID");
        }
    }

    @Test
    void parametersAPullTakesButAStreamDoesNotAre400s() {
        for (String query : List.of("limit=5", "wait_for=3", "timeout_ms=10", "kinds=nothing")) {
            assertThatThrownBy(() -> request(query, null)).isInstanceOf(ApiProblem.class);
        }
    }

    private StreamRequest request(String query, String lastEventId) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/context/stream");
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.addParameter(nameValue[0], nameValue[1]);
            }
        }
        return StreamRequest.from(QueryParameters.of(request, StreamRequest.PARAMETERS), lastEventId, properties);
    }
}

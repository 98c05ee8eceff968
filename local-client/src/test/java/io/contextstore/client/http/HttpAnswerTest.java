package io.contextstore.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

    private static HttpAnswer answer(int status) {
        return new HttpAnswer(status, Map.of(), "");
    }

    @Test
    void serverErrorsAndTimingRefusalsMeanTheServerCannotAnswerNow() {
        assertThat(List.of(500, 502, 503, 504, 408, 429)).allSatisfy(status -> assertThat(answer(status).unavailable())
                .as("status %d", status).isTrue());
    }

    @Test
    void successesAndRefusalsOfTheRequestItselfAreAnswers() {
        assertThat(List.of(200, 201, 400, 401, 403, 404, 409, 413, 425)).allSatisfy(status ->
                assertThat(answer(status).unavailable()).as("status %d", status).isFalse());
    }
}

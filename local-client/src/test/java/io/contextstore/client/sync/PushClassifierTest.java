package io.contextstore.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.http.HttpAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PushClassifierTest {

    private static final String TWO_RESULTS = """
            {"results": [{"status": "created", "id": "a", "cursor": 41, "content_hash": "h1"},
                         {"status": "duplicate", "id": "b", "cursor": 7, "content_hash": "h2"}]}""";

    @Test
    void aTwoHundredWithOneResultPerItemAcknowledgesEveryItem() {
        PushOutcome outcome = PushClassifier.classify(answer(200, TWO_RESULTS), 2);

        assertThat(outcome).isEqualTo(new PushOutcome.Acknowledged(List.of(
                new PushOutcome.Ack("created", "a", 41, "h1"), new PushOutcome.Ack("duplicate", "b", 7, "h2"))));
    }

    @Test
    void aTwoHundredThatDoesNotAnswerEveryItemAcknowledgesNothing() {
        assertThat(PushClassifier.classify(answer(200, TWO_RESULTS), 3)).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(PushClassifier.classify(answer(200, "not json"), 2)).isInstanceOf(PushOutcome.RetryLater.class);
        assertThat(PushClassifier.classify(answer(200, "{\"results\": [{\"status\": \"maybe\", \"cursor\": 1}]}"), 1))
                .isInstanceOf(PushOutcome.RetryLater.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504, 302})
    void overloadedUnavailableAndServerErrorsAreRetriedLater(int status) {
        assertThat(PushClassifier.classify(answer(status, "{}"), 5)).isInstanceOf(PushOutcome.RetryLater.class);
    }

    @Test
    void retryAfterInSecondsIsKeptAndAnythingElseIsIgnored() {
        HttpAnswer unavailable = new HttpAnswer(503, Map.of("Retry-After", List.of("7")), "{\"title\":\"Service unavailable\"}");

        assertThat(((PushOutcome.RetryLater) PushClassifier.classify(unavailable, 1)).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(PushClassifier.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isNull();
        assertThat(PushClassifier.retryAfter("-3")).isNull();
    }

    @Test
    void aFourOhOneAsksForANewTokenAndKillsNothing() {
        assertThat(PushClassifier.classify(answer(401, "{\"title\":\"Unauthorized\"}"), 10)).isInstanceOf(PushOutcome.Reauthenticate.class);
    }

    @Test
    void aFourHundredNamingAnItemByPointerRejectsExactlyThatItemWithTheServersReason() {
        String problem = """
                {"type": "https://contextstore.dev/problems/invalid-request", "title": "Invalid request", "status": 400,
                 "detail": "/items/3/title: must be at most 500 characters",
                 "errors": [{"pointer": "/items/3/title", "detail": "must be at most 500 characters"}]}""";

        PushOutcome outcome = PushClassifier.classify(answer(400, problem), 5);

        assertThat(outcome).isInstanceOf(PushOutcome.RejectItem.class);
        PushOutcome.RejectItem rejected = (PushOutcome.RejectItem) outcome;
        assertThat(rejected.index()).isEqualTo(3);
        assertThat(rejected.reason()).isEqualTo("400 Invalid request: /title: must be at most 500 characters");
    }

    @Test
    void aRefusalThatNamesNoItemHalvesTheBatchUntilOneItemIsLeft() {
        String noPointer = "{\"title\": \"Malformed JSON\", \"detail\": \"unexpected end\"}";
        String outOfRange = "{\"title\": \"Invalid request\", \"errors\": [{\"pointer\": \"/items/9/title\", \"detail\": \"x\"}]}";

        assertThat(PushClassifier.classify(answer(400, noPointer), 4)).isInstanceOf(PushOutcome.Split.class);
        assertThat(PushClassifier.classify(answer(400, outOfRange), 4)).isInstanceOf(PushOutcome.Split.class);
        assertThat(PushClassifier.classify(answer(413, "{\"title\": \"Payload too large\"}"), 2)).isInstanceOf(PushOutcome.Split.class);
        assertThat(PushClassifier.classify(answer(413, "{\"title\": \"Payload too large\"}"), 1))
                .isEqualTo(new PushOutcome.RejectItem(0, "413 Payload too large"));
        assertThat(PushClassifier.classify(answer(400, noPointer), 1)).isInstanceOf(PushOutcome.RejectItem.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404})
    void aForbiddenOrNotFoundNamingNoItemHalvesABatchSoOneRefusedShareDoesNotKillTheOthers(int status) {
        assertThat(PushClassifier.classify(answer(status, "{\"title\": \"Nope\"}"), 3)).isInstanceOf(PushOutcome.Split.class);
        assertThat(PushClassifier.classify(answer(status, "{\"title\": \"Nope\", \"detail\": \"because\"}"), 1))
                .isEqualTo(new PushOutcome.RejectAll(status + " Nope: because"));
    }

    @ParameterizedTest
    @ValueSource(ints = {405, 409, 415, 422})
    void anyOtherClientErrorRejectsTheItemsWithTheServersReason(int status) {
        PushOutcome outcome = PushClassifier.classify(answer(status, "{\"title\": \"Nope\", \"detail\": \"because\"}"), 3);

        assertThat(outcome).isEqualTo(new PushOutcome.RejectAll(status + " Nope: because"));
    }

    @Test
    void aBodyThatIsNotProblemJsonStillGivesAReadableReason() {
        PushOutcome outcome = PushClassifier.classify(answer(404, "<html>not found</html>"), 1);

        assertThat(((PushOutcome.RejectAll) outcome).reason()).isEqualTo("404: <html>not found</html>");
    }

    private static HttpAnswer answer(int status, String body) {
        return new HttpAnswer(status, Map.of(), body);
    }
}

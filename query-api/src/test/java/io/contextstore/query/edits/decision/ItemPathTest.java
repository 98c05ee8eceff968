package io.contextstore.query.edits.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.EventKind;
import io.contextstore.platform.web.ApiProblem;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ItemPathTest {

    private static final String ID = "8c0e3a52-5d3f-8a1b-9c2d-0e1f2a3b4c5d";

    @Test
    void anEditableKindsEndpointAndAnIdNameAnItem() {
        assertThat(ItemPath.of("error-solutions", ID)).isEqualTo(new ItemPath(EventKind.ERROR_SOLUTION, UUID.fromString(ID)));
        assertThat(ItemPath.of("project-context", ID).kind()).isEqualTo(EventKind.PROJECT_CONTEXT);
    }

    @Test
    void aKindWithoutHistoryOrNoKindIsNotFoundAndAMalformedIdIsABadRequest() {
        for (String endpoint : new String[] {"tasks", "messages", "retractions", "gossip"}) {
            assertThatThrownBy(() -> ItemPath.of(endpoint, ID)).isInstanceOfSatisfying(ApiProblem.class,
                    problem -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND));
        }
        assertThatThrownBy(() -> ItemPath.of("decisions", "8c0e")).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
}

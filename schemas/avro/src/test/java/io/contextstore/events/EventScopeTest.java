package io.contextstore.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventScopeTest {

    @Test
    void whatTheProjectorKeepsOfAScopeGivesTheSameScopeBack() {
        for (EventScope scope : new EventScope[] {EventScope.personal(null), EventScope.personal("alpha"),
                EventScope.project("alpha"), EventScope.tenant()}) {
            assertThat(EventScope.ofStored(scope.privateTo("alice") != null, scope.projectId())).isEqualTo(scope);
        }
    }
}

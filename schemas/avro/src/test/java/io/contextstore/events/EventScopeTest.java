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

    @Test
    void aLevelIsFoundByItsLowerCaseWireNameAndNothingElse() {
        for (EventScope.Level level : EventScope.Level.values()) {
            assertThat(EventScope.Level.fromWireName(level.wireName())).contains(level);
        }
        assertThat(EventScope.Level.wireNames()).isEqualTo("personal, project, tenant");
        assertThat(EventScope.Level.fromWireName("Project")).isEmpty();
        assertThat(EventScope.Level.fromWireName("team")).isEmpty();
        assertThat(EventScope.Level.fromWireName(null)).isEmpty();
    }
}

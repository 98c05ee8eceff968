package io.contextstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoreTimeTest {

    @Test
    void aLoadsCpuTimeAnEventIsTheMachinesBusyTicksAndThisJvmsNanosInMicroseconds() {
        // 200 ticks of 10 ms over 10,000 events: 2 s, 200 µs an event; the JVM's 50 ms, 5 µs an event
        assertThat(new CoreTime.Spent(200, 50_000_000, -1).perEvent(10_000)).isEqualTo("200 (5)");
        assertThat(new CoreTime.Spent(123, 1_000_000_000, -1).perEvent(10_000)).isEqualTo("123 (100)");
    }

    @Test
    void aMachineWhoseStatisticsWereNotReadShowsOnlyTheJvmsTime() {
        assertThat(new CoreTime.Spent(-1, 50_000_000, -1).perEvent(10_000)).isEqualTo("- (5)");
        assertThat(new CoreTime.Spent(-1, 50_000_000, -1).machinePerEvent(10_000)).isNaN();
    }

    @Test
    void theMachinesTimeAnEventIsAlsoANumberForTheNotesToCompare() {
        assertThat(new CoreTime.Spent(5, 0, -1).machinePerEvent(100_000)).isEqualTo(0.5);
        assertThat(new CoreTime.Spent(200, 0, -1).machinePerEvent(10_000)).isEqualTo(200.0);
    }

    @Test
    void theBrokersTicksAnEventFollowThisJvmsOrADashWhereItsProcessWasNotRead() {
        // the broker's 30 ticks, 300 ms, over 10,000 events: 30 µs an event
        assertThat(new CoreTime.Spent(200, 50_000_000, 30).perEventWithBroker(10_000)).isEqualTo("200 (5; 30)");
        assertThat(new CoreTime.Spent(200, 50_000_000, -1).perEventWithBroker(10_000)).isEqualTo("200 (5; -)");
    }

    @Test
    void aProcessTicksAreItsUserAndSystemTimeEvenWhenItsNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 8 9 20 0 90 0 100 1 2";
        assertThat(CoreTime.ticksOf(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void thisProcessOwnStatisticsCanBeRead() {
        CoreTime before = CoreTime.now(ProcessHandle.current().pid());
        assertThat(before.brokerTicks()).isGreaterThanOrEqualTo(0);
        assertThat(CoreTime.now().brokerTicks()).isEqualTo(-1);
    }
}

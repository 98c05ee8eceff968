package io.contextstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoreTimeTest {

    @Test
    void aLoadsCpuTimeAnEventIsTheMachinesBusyTicksAndThisJvmsNanosInMicroseconds() {
        // 200 ticks of 10 ms over 10,000 events: 2 s, 200 µs an event; the JVM's 50 ms, 5 µs an event
        assertThat(new CoreTime.Spent(200, 50_000_000).perEvent(10_000)).isEqualTo("200 (5)");
        assertThat(new CoreTime.Spent(123, 1_000_000_000).perEvent(10_000)).isEqualTo("123 (100)");
    }

    @Test
    void aMachineWhoseStatisticsWereNotReadShowsOnlyTheJvmsTime() {
        assertThat(new CoreTime.Spent(-1, 50_000_000).perEvent(10_000)).isEqualTo("- (5)");
        assertThat(new CoreTime.Spent(-1, 50_000_000).machinePerEvent(10_000)).isNaN();
    }

    @Test
    void theMachinesTimeAnEventIsAlsoANumberForTheNotesToCompare() {
        assertThat(new CoreTime.Spent(5, 0).machinePerEvent(100_000)).isEqualTo(0.5);
        assertThat(new CoreTime.Spent(200, 0).machinePerEvent(10_000)).isEqualTo(200.0);
    }
}

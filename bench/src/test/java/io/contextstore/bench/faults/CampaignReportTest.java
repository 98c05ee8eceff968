package io.contextstore.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignReportTest {

    private static final Fault KILL = new Fault.IngestKill("ingest-a");

    private static Outcome outcome(long lost, long duplicated, long foreign, int auditExit, long dead) {
        return new Outcome(KILL, 100, new ReadModelCheck.Counts(100, lost, duplicated), foreign,
                new Checks.Audit(auditExit, "summary", "output"), true, dead, true, 15.0, 4.0, 5.5, "", 0);
    }

    @Test
    void aFaultIsCleanOnlyWithNothingLostDuplicatedLeakedDeadOrDifferentFromARebuild() {
        assertThat(outcome(0, 0, 0, 0, 0).clean()).isTrue();
        assertThat(outcome(1, 0, 0, 0, 0).clean()).isFalse();
        assertThat(outcome(0, 1, 0, 0, 0).clean()).isFalse();
        assertThat(outcome(0, 0, 1, 0, 0).clean()).isFalse();
        assertThat(outcome(0, 0, 0, 1, 0).clean()).isFalse();
        assertThat(outcome(0, 0, 0, 0, 1).clean()).isFalse();
    }

    @Test
    void theTableHasOneRowPerFaultAndMarksADifferingAuditAndUndrainedQueues() {
        String table = Outcome.table(List.of(outcome(0, 0, 0, 0, 0), outcome(0, 0, 0, 1, 2)), false, 600);

        assertThat(table).contains("| 1 | ingest instance killed | 100 | 0 | 0 | 0 | clean | yes | 4.0 | 5.5 |")
                .contains("| 2 | ingest instance killed | 100 | 0 | 0 | 0 | **differs** | **no** (2 dead) | 4.0 | 5.5 |")
                .contains("1. kill -9 of ingest-a");
    }

    @Test
    void theChartLeavesAGapForASecondInWhichNoRequestWasAnsweredAndShadesEachFault() {
        List<Timeline.Second> seconds = List.of(new Timeline.Second(0, 40, 0, 12), new Timeline.Second(1, 0, 3, Double.NaN),
                new Timeline.Second(2, 38, 0, 15));
        String svg = CampaignChart.svg(seconds, List.of(new Timeline.Marker("ingest instance killed", 0.5, 1.5)));

        assertThat(svg).contains("fill=\"#f2c94c\"");
        String p99Path = svg.lines().filter(l -> l.contains("stroke=\"#d62728\" stroke-width")).findFirst().orElseThrow();
        assertThat(p99Path.chars().filter(c -> c == 'M').count()).isEqualTo(2); // the line stops at the gap and starts again
    }

    @Test
    void axesEndAtOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(CampaignChart.niceCeiling(37)).isEqualTo(50);
        assertThat(CampaignChart.niceCeiling(120)).isEqualTo(200);
        assertThat(CampaignChart.niceCeiling(1000)).isEqualTo(1000);
    }

    @Test
    void aFrozenProjectorIsHeldPastItsSessionTimeout() {
        assertThat(new Fault.ProjectorZombie("projector-a", Duration.ofSeconds(10)).hold()).isGreaterThan(Duration.ofSeconds(10));
    }
}

package io.contextstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path out;

    @Test
    void aTableThatFollowsANoteStartsAfterABlankLineSoMarkdownReadsItAsATable() throws IOException {
        Report report = new Report();
        report.note("Tenants per partition: 61 to 98.");
        report.table("rate", "p99");
        report.row(1000, "23.7");

        assertThat(written(report)).contains("Tenants per partition: 61 to 98.\n\n| rate | p99 |\n|---|---|\n| 1000 | 23.7 |\n");
    }

    @Test
    void aTableUnderASectionsHeadingGetsNoSecondBlankLine() throws IOException {
        Report report = new Report();
        report.section("7. Memory");
        report.table("state", "total (MiB)");

        assertThat(written(report)).isEqualTo("\n## 7. Memory\n\n| state | total (MiB) |\n|---|---|\n");
    }

    private String written(Report report) throws IOException {
        report.write(out);
        return Files.readString(out.resolve("RESULTS.md"));
    }
}

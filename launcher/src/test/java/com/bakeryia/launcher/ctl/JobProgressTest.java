package com.bakeryia.launcher.ctl;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** How far a job has come, worked out from the steps it has so far and the plan's shape; and how tables line up. */
class JobProgressTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aUserJobInPrepareDoesNotKnowItsTotalYetAndKnowsItOnceDeleteHasStarted() {
        JobProgress preparing = JobProgress.of(job("USER", "RUNNING", steps("PREPARE", 1, "RUNNING")));
        JobProgress deleting = JobProgress.of(job("USER", "RUNNING",
                steps("PREPARE", 1, "SUCCEEDED") + "," + steps("DELETE", 13, "RUNNING")));

        assertThat(preparing.total()).isEqualTo(-1);
        assertThat(preparing.line()).isEqualTo("RUNNING  PREPARE  0/? steps  0 rows deleted");
        assertThat(preparing.bar()).startsWith("[........................] ");
        assertThat(deleting.total()).as("1 + 13 x 2 + 1").isEqualTo(28);
        assertThat(deleting.succeeded()).isEqualTo(1);
        assertThat(deleting.phase()).isEqualTo("DELETE");
    }

    @Test
    void aTenantJobCountsAVerificationForEveryServiceItDeletesIn() {
        JobProgress verifying = JobProgress.of(job("TENANT", "RUNNING", steps("DELETE", 12, "SUCCEEDED") + ","
                + steps("VERIFY", 8, "RUNNING")));

        assertThat(verifying.total()).as("12 DELETE, 12 VERIFY, 1 FINAL").isEqualTo(25);
        assertThat(verifying.line()).isEqualTo("RUNNING  VERIFY  12/25 steps  0 rows deleted");
        assertThat(verifying.bar()).startsWith("[###########.............] ");
    }

    @Test
    void aJobCreatedBeforeVerificationScannedCountsItsScanStepsToo() {
        JobProgress scanning = JobProgress.of(job("TENANT", "RUNNING", steps("DELETE", 12, "SUCCEEDED") + ","
                + steps("VERIFY", 12, "SUCCEEDED") + "," + steps("SCAN", 12, "RUNNING")));

        assertThat(scanning.total()).isEqualTo(37);
        assertThat(scanning.line()).isEqualTo("RUNNING  SCAN  24/37 steps  0 rows deleted");
        assertThat(scanning.bar()).startsWith("[###############.........] ");
    }

    @Test
    void tableColumnsLineUpWhateverColoursTheyCarryAndNumbersAlignRight() {
        Table table = new Table("STATUS", "ROWS", "NOTE");
        table.row("\u001B[32mCOMPLETED\u001B[0m", 1234567L, "first");
        table.row("FAILED", 5, null);
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text, true));

        assertThat(text.toString().replaceAll("\u001B\\[[0-9;]*m", "").lines()).containsExactly(
                "STATUS          ROWS  NOTE",
                "COMPLETED  1,234,567  first",
                "FAILED             5  -");
    }

    private static JsonNode job(String kind, String status, String steps) {
        return JSON.readTree("{\"kind\":\"" + kind + "\",\"status\":\"" + status + "\",\"total_items_deleted\":0,"
                + "\"service_results\":[" + steps + "]}");
    }

    private static String steps(String phase, int count, String status) {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < count; i++) {
            steps.append(i == 0 ? "" : ",").append("{\"service\":\"s").append(i).append("\",\"phase\":\"").append(phase)
                    .append("\",\"status\":\"").append(status).append("\"}");
        }
        return steps.toString();
    }
}

package com.bakeryia.launcher.ctl;

import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code ctl audit verify}: the hash-chained deletion audit trail. */
@Command(name = "audit", synopsisSubcommandLabel = "<command>",
        description = "The deletion audit trail: verify its hash chain.")
final class AuditCommand extends CommandGroup {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    @Command(name = "verify", description = {"Has the platform recompute the audit trail's hash chain; with --audit-head,"
            + " also whether the chain still holds a certificate's audit_head.",
        "Exit 0 valid (and the head found), 1 the chain is broken or the head is not in it."})
    int verify(@Option(names = "--audit-head", paramLabel = "<hex>", description = "A certificate's audit_head: 64 hex"
            + " digits (SHA-256).") String auditHead) {
        String head = auditHead == null ? null : auditHead.strip().toLowerCase(Locale.ROOT);
        if (head != null && !HASH.matcher(head).matches()) {
            throw CtlFailure.usage("--audit-head '" + auditHead + "' is not a SHA-256: 64 hex digits, as a certificate's"
                    + " audit_head");
        }
        JsonNode verification = ctl.client().get("/api/v1/deletion-audit/verification"
                + (head == null ? "" : "?audit_head=" + head));
        boolean valid = verification.path("valid").asBoolean();
        boolean headFound = head == null || verification.path("audit_head_found").asBoolean();
        Output output = ctl.output();
        if (output.json()) {
            output.document(verification);
        } else if (valid) {
            long checkedAfter = verification.path("checked_after").asLong();
            output.line("valid: " + Table.text(verification.path("entries").asLong()) + " entries, head "
                    + verification.path("head").asText() + (checkedAfter == 0 ? "" : " (entries after " + checkedAfter
                    + " re-hashed now, those up to it by the last full verification: run without --audit-head for one)"));
        } else {
            output.line("INVALID: the chain breaks at entry " + verification.path("first_invalid_entry").asText() + ": "
                    + verification.path("reason").asText());
        }
        if (!valid) {
            output.notice("The audit trail was altered: keep the database as it is and escalate (docs/runbook.md,"
                    + " \"After an incident\").");
        }
        if (head != null && !output.json()) {
            output.line(headFound ? "audit head " + head + " found at entry "
                    + verification.path("audit_head_entry").asText() : "audit head " + head + " NOT found in the chain");
        }
        return valid && headFound ? CtlExit.OK : CtlExit.FAILED;
    }
}

package com.bakeryia.launcher.ctl;

import java.util.UUID;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code ctl tenants preview|delete|restore}: a bakery's deletion. */
@Command(name = "tenants", synopsisSubcommandLabel = "<command>",
        description = "A tenant's deletion: preview it, delete the tenant (after its grace window, or at once), restore it"
                + " within the window.")
final class TenantsCommand extends CommandGroup {

    @Command(name = "preview", description = "What deleting the tenant would remove, per service and table; changes nothing.")
    int preview(@Parameters(paramLabel = "<tenant_id>", converter = Arguments.Id.class) UUID tenantId) {
        JsonNode preview = ctl.client().get("/api/v1/tenants/" + tenantId + "/deletion-preview");
        if (ctl.output().json()) {
            ctl.output().document(preview);
            PreviewView.warnUnavailable(ctl.output(), preview);
        } else {
            PreviewView.printServices(ctl.output(), preview);
        }
        return CtlExit.OK;
    }

    @Command(name = "delete", sortOptions = false, description = {
        "Deletes the tenant: SCHEDULED until its grace window ends (restorable until then), or at once with --immediate.",
        "Asks to type the tenant's id back unless --yes; without a terminal, --yes is required."})
    int delete(@Parameters(paramLabel = "<tenant_id>", converter = Arguments.Id.class) UUID tenantId,
               @Option(names = "--immediate", description = "Skip the grace window: start deleting now (services and"
                       + " operators only), also for a deletion already scheduled.") boolean immediate,
               @Option(names = {"-y", "--yes"}, description = "Do not ask for a confirmation.") boolean yes,
               @Mixin JobFollower.WaitOptions wait) {
        if (!yes) {
            Confirmation.requireTerminal(ctl.console(), "tenant " + tenantId);
            // What is about to go, and a 404 before anyone is asked anything.
            JsonNode preview = ctl.client().get("/api/v1/tenants/" + tenantId + "/deletion-preview");
            PreviewView.warnUnavailable(ctl.output(), preview);
            String name = preview.path("tenant_name").asText(preview.path("name").asText(""));
            ctl.output().notice("Deleting tenant " + (name.isEmpty() ? tenantId : name + " (" + tenantId + ")") + " removes "
                    + PreviewView.summary(preview) + (immediate ? ", starting now." : ", once its grace window ends."));
            Confirmation.ask(ctl.console(), ctl.output(), "tenant " + tenantId,
                    name.isEmpty() ? tenantId.toString() : name, name.isEmpty() ? "the tenant's id" : "the tenant's name");
        }
        JsonNode answer = ctl.client().delete("/api/v1/tenants/" + tenantId + (immediate ? "?immediate=true" : ""));
        String jobId = answer.path("job_id").asText();
        return ctl.started(answer, jobId, wait, () -> ctl.output().line(started("tenant", tenantId, jobId, answer)));
    }

    @Command(name = "restore", description = "Cancels a SCHEDULED deletion within its grace window; the tenant is ACTIVE"
            + " again with every row (exit 5 once the deletion has started).")
    int restore(@Parameters(paramLabel = "<tenant_id>", converter = Arguments.Id.class) UUID tenantId) {
        JsonNode answer = ctl.client().post("/api/v1/tenants/" + tenantId + "/restore");
        if (ctl.output().json()) {
            ctl.output().document(answer);
        } else {
            ctl.output().line(restored("Tenant", tenantId, answer));
        }
        return CtlExit.OK;
    }

    /** What a deletion's answer means, in one line: the job, its status, and what can be done now. */
    static String started(String kind, UUID subjectId, String jobId, JsonNode answer) {
        String status = answer.path("status").asText();
        String line = "Deletion of " + kind + " " + subjectId + ": job " + jobId + " is " + status;
        if ("SCHEDULED".equals(status)) {
            return line + "; it starts deleting at " + Output.time(answer.path("scheduled_for")) + ". Until then: ctl "
                    + kind + "s restore " + subjectId;
        }
        return line + ". Follow it: ctl jobs show " + jobId + " --wait";
    }

    /** What a restore's answer means: the job CANCELLED, or the subject ACTIVE again without one. */
    static String restored(String kind, UUID subjectId, JsonNode answer) {
        return kind + " " + subjectId + " restored" + (answer.hasNonNull("job_id") ? ": job " + answer.path("job_id").asText()
                + " is " + answer.path("status").asText() : "") + "; it is ACTIVE again and nothing was deleted.";
    }
}

package com.bakeryia.launcher.ctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code ctl users preview|delete|restore}: a person's erasure (GDPR Art. 17). */
@Command(name = "users", synopsisSubcommandLabel = "<command>",
        description = "A person's erasure: preview it, erase the user (after the grace window, or at once), restore them"
                + " within the window.")
final class UsersCommand extends CommandGroup {

    enum OwnedTenants { TRANSFER, DELETE }

    /** What the erasure does with the tenants the user owns: the API's {@code owned_tenants} and {@code new_owner}. */
    static final class OwnedTenantOptions {

        @Option(names = "--owned-tenants", paramLabel = "transfer|delete", description = "What happens to each tenant the"
                + " user owns: handed to an ADMIN (transfer, the default) or deleted with it.")
        OwnedTenants ownedTenants;

        @Option(names = "--new-owner", paramLabel = "<tenant_id>:<user_id>", converter = Arguments.NewOwner.class,
                description = "Who takes an owned tenant over (repeatable); by default its longest-standing ADMIN.")
        List<String> newOwners = new ArrayList<>();

        String query() {
            List<String> parameters = new ArrayList<>();
            if (ownedTenants != null) {
                parameters.add("owned_tenants=" + ownedTenants.name().toLowerCase(java.util.Locale.ROOT));
            }
            newOwners.forEach(owner -> parameters.add("new_owner=" + URLEncoder.encode(owner, StandardCharsets.UTF_8)));
            return String.join("&", parameters);
        }
    }

    @Command(name = "preview", sortOptions = false, description = "What erasing the user would do: owned tenants,"
            + " memberships, rows per service and table; changes nothing.")
    int preview(@Parameters(paramLabel = "<user_id>", converter = Arguments.Id.class) UUID userId,
                @Mixin OwnedTenantOptions owned) {
        JsonNode preview = ctl.client().get(path(userId, "/deletion-preview", owned.query()));
        Output output = ctl.output();
        if (output.json()) {
            output.document(preview);
            PreviewView.warnUnavailable(output, preview);
            return CtlExit.OK;
        }
        if (!preview.path("owned_tenants").isEmpty()) {
            Table tenants = new Table("OWNED TENANT", "ACTION", "NEW OWNER", "REASON");
            preview.path("owned_tenants").forEach(tenant -> tenants.row(tenant.path("tenant_id").asText(),
                    tenant.path("action").asText(), tenant.path("new_owner_id").asText(null),
                    tenant.path("reason").asText(null)));
            output.table(tenants);
            output.line("");
        }
        if (!preview.path("memberships").isEmpty()) {
            Table memberships = new Table("MEMBERSHIP REMOVED", "ROLE");
            preview.path("memberships").forEach(membership -> memberships.row(membership.path("tenant_id").asText(),
                    membership.path("role").asText()));
            output.table(memberships);
            output.line("");
        }
        PreviewView.printServices(output, preview);
        return CtlExit.OK;
    }

    @Command(name = "delete", sortOptions = false, description = {
        "Erases the user: their account is locked at once; SCHEDULED until the grace window ends (restorable until then),"
                + " or at once with --immediate.",
        "Prints the certificate hand-over token, which the erased person needs. Asks to type the user's id back unless"
                + " --yes; without a terminal, --yes is required."})
    int delete(@Parameters(paramLabel = "<user_id>", converter = Arguments.Id.class) UUID userId,
               @Option(names = "--immediate", description = "Skip the grace window: start erasing now (services and"
                       + " operators only), also for an erasure already scheduled.") boolean immediate,
               @Mixin OwnedTenantOptions owned,
               @Option(names = {"-y", "--yes"}, description = "Do not ask for a confirmation.") boolean yes,
               @Mixin JobFollower.WaitOptions wait) {
        if (!yes) {
            Confirmation.requireTerminal(ctl.console(), "user " + userId);
            JsonNode preview = ctl.client().get(path(userId, "/deletion-preview", owned.query()));
            PreviewView.warnUnavailable(ctl.output(), preview);
            int memberships = preview.path("memberships").size();
            ctl.output().notice("Erasing user " + userId + " removes " + PreviewView.summary(preview) + " and "
                    + memberships + (memberships == 1 ? " membership" : " memberships") + ownedTenants(preview)
                    + (immediate ? ", starting now." : ", once the grace window ends."));
            Confirmation.ask(ctl.console(), ctl.output(), "user " + userId, userId.toString(), "the user's id");
        }
        String query = owned.query() + (immediate ? (owned.query().isEmpty() ? "" : "&") + "immediate=true" : "");
        JsonNode answer = ctl.client().delete(path(userId, "", query));
        String jobId = answer.path("job_id").asText();
        return ctl.started(answer, jobId, wait, () -> {
            ctl.output().line(TenantsCommand.started("user", userId, jobId, answer));
            if (answer.hasNonNull("certificate_token")) {
                ctl.output().line("Certificate hand-over for the person (shown once, keep it: they cannot log in once"
                        + " erased): header Deletion-Certificate-Token: " + answer.path("certificate_token").asText()
                        + " at " + ctl.client().url().toString().replaceAll("/+$", "")
                        + answer.path("certificate_url").asText());
            }
        });
    }

    @Command(name = "restore", description = "Cancels a SCHEDULED erasure within its grace window; the account is ACTIVE"
            + " again (exit 5 once the erasure has started).")
    int restore(@Parameters(paramLabel = "<user_id>", converter = Arguments.Id.class) UUID userId) {
        JsonNode answer = ctl.client().post(path(userId, "/restore", ""));
        if (ctl.output().json()) {
            ctl.output().document(answer);
        } else {
            ctl.output().line(TenantsCommand.restored("User", userId, answer));
        }
        return CtlExit.OK;
    }

    private static String path(UUID userId, String suffix, String query) {
        return "/api/v1/users/" + userId + suffix + (query.isEmpty() ? "" : "?" + query);
    }

    /** {@code , 2 owned tenants (1 transferred, 1 deleted)}, or nothing when the user owns none. */
    private static String ownedTenants(JsonNode preview) {
        JsonNode owned = preview.path("owned_tenants");
        if (owned.isEmpty()) {
            return "";
        }
        List<String> actions = new ArrayList<>();
        owned.forEach(tenant -> actions.add(tenant.path("tenant_id").asText() + " " + tenant.path("action").asText()));
        return ", with the tenants they own: " + String.join(", ", actions);
    }
}

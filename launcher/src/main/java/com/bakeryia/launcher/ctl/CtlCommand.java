package com.bakeryia.launcher.ctl;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ctl}: the deletion operations against a running platform, over its HTTP API. The global
 * options may stand anywhere on the command line ({@code ctl --json jobs list} or {@code ctl jobs
 * list --json}). Every failure ends as {@code error: <message>} on standard error with an exit code
 * of {@link CtlExit}; {@link #install} makes it so.
 */
@Command(name = "ctl", sortOptions = false, synopsisSubcommandLabel = "<command>",
        subcommands = {JobsCommand.class, TenantsCommand.class, UsersCommand.class, CertificatesCommand.class,
                AuditCommand.class, ExportsCommand.class},
        description = {"Operates a running Bakery-IA platform over its HTTP API: deletion jobs, tenant and user"
                + " deletions, certificates and the audit trail. Starts no platform.", ""},
        footerHeading = "%nCredentials (never on the command line; the first found is used):%n",
        footer = {
            "  --credentials-file <file>    a properties file readable by its owner only",
            "                               (chmod 600): token=, or email= and password=,",
            "                               or client_id= and client_secret=",
            "  BAKERY_TOKEN                 a bearer token, used as it is",
            "  BAKERY_EMAIL, BAKERY_PASSWORD              an operator's login",
            "  BAKERY_CLIENT_ID, BAKERY_CLIENT_SECRET     a service client",
            "  BAKERY_CREDENTIALS_FILE      a file as for --credentials-file",
            "",
            "Examples:",
            "  ctl jobs list --status FAILED",
            "  ctl jobs show <job_id> --wait",
            "  ctl tenants delete <tenant_id> --immediate --wait",
            "  ctl --json jobs show <job_id> | jq -r .status"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:success",
            "1:the operation ran and its result is a failure: a job FAILED or CANCELLED, a verification invalid",
            "2:usage error; unreadable input or credentials; a request the platform called malformed; no confirmation",
            "3:not found (404)",
            "4:not allowed: credentials refused (401) or not permitted (403)",
            "5:conflict (409), e.g. a restore after the deletion started",
            "6:the platform could not be reached, or answered 5xx or 429 after retries",
            "7:--wait timed out (--wait-timeout) with the job unfinished"})
public final class CtlCommand implements Runnable {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final CtlConsole console;
    private Output output;
    private PlatformClient client;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "<url>", order = 1,
            description = "The process that runs deletion-orchestrator (env BAKERY_URL; default " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--auth-url", scope = ScopeType.INHERIT, paramLabel = "<url>", order = 2,
            description = "Where to log in or get a service token, in a split layout (env BAKERY_AUTH_URL; default --url).")
    String authUrl;

    @Option(names = "--json", scope = ScopeType.INHERIT, order = 3,
            description = "Print the platform's JSON (one pretty document) on stdout, for scripts.")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "<duration>", order = 4,
            converter = Arguments.Span.class, description = "For connecting and for each answer (default 30s).")
    Duration timeout;

    @Option(names = "--credentials-file", scope = ScopeType.INHERIT, paramLabel = "<file>", order = 5,
            description = "A private properties file of credentials (ctl --help lists its keys); wins over the environment.")
    Path credentialsFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, order = 6,
            description = "Show this help and exit.")
    boolean help;

    /** A command line whose commands read {@code console} for the environment, input, terminals and time. */
    public CtlCommand(CtlConsole console) {
        this.console = console;
    }

    /**
     * Makes failures of this command line's commands end as {@code error: <message>} with their exit
     * code, and anything unforeseen as exit 1 with its message; call once every subcommand is added.
     */
    public static void install(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            // The message may quote the platform (a problem's detail naming a tenant): escaped, as all output.
            failed.getErr().println(PrintableText.inline("error: " + (exception instanceof CtlFailure ? exception.getMessage()
                    : "unexpected " + exception)));
            failed.getErr().flush();
            return exception instanceof CtlFailure failure ? failure.exitCode() : CtlExit.FAILED;
        });
    }

    /** Reached without a command: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: jobs, tenants, users, certificates or audit");
    }

    CtlConsole console() {
        return console;
    }

    Output output() {
        if (output == null) {
            output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json, console);
        }
        return output;
    }

    /** The platform at {@code --url}, signing in with the credentials when a request first needs them. */
    PlatformClient client() {
        if (client == null) {
            URI platform = address("--url", url, "BAKERY_URL", DEFAULT_URL);
            URI auth = address("--auth-url", authUrl, "BAKERY_AUTH_URL", platform.toString());
            client = new PlatformClient(platform, auth, timeout != null ? timeout : DEFAULT_TIMEOUT,
                    () -> Credentials.resolve(console, credentialsFile), console, output()::notice);
        }
        return client;
    }

    /**
     * What a command that started or restarted a job prints: without {@code --wait}, the platform's
     * answer ({@code --json}) or {@code describe}'s lines; with it, {@code describe}'s lines, then the
     * job followed to its end.
     */
    int started(JsonNode answer, String jobId, JobFollower.WaitOptions wait, Runnable describe) {
        if (!output().json()) {
            describe.run();
        }
        if (wait.requested()) {
            return follow(jobId, wait, false);
        }
        if (output().json()) {
            output().document(answer);
        }
        return CtlExit.OK;
    }

    /**
     * Follows a job to its end ({@code --wait}); prints it as it ended (with every step, or only those
     * that did not succeed) and says how; its exit code.
     */
    int follow(String jobId, JobFollower.WaitOptions wait, boolean everyStep) {
        JobFollower.Outcome outcome = new JobFollower(client(), output(), console).follow(jobId, wait);
        if (output().json()) {
            output().document(outcome.job());
        } else {
            JobView.print(output(), outcome.job(), everyStep);
        }
        output().notice(outcome.message());
        return outcome.exitCode();
    }

    private URI address(String option, String given, String variable, String fallback) {
        String value = given != null ? given : console.variable(variable) != null ? console.variable(variable) : fallback;
        try {
            URI uri = new URI(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(value, "not an http or https address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CtlFailure.usage(option + " (or " + variable + ") '" + value + "' is not an address such as " + DEFAULT_URL);
        }
    }

    /** Reached when a command group is named without one of its commands: a usage error. */
    static void missingCommand(CommandSpec group) {
        throw new ParameterException(group.commandLine(), "Missing a command: "
                + String.join(", ", new java.util.TreeSet<>(group.subcommands().keySet())));
    }
}

package com.bakeryia.launcher;

import java.io.PrintWriter;

import com.bakeryia.launcher.ctl.CtlCommand;
import com.bakeryia.launcher.ctl.CtlConsole;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The executable's command-line tools, which run instead of the platform when the first argument
 * names one: no Spring context, no database, no port. Each tool is a subcommand here: the offline
 * {@code verify-certificate}, and {@code ctl}, an HTTP client of a running platform. Anything else
 * on the command line starts the platform as before.
 *
 * <p>Exit codes: 0 success, 1 the check (or the operation) failed, 2 a usage error or an input that
 * could not be read; {@code ctl} adds its own above 2 (see {@code ctl --help}).
 */
@Command(name = "bakery-platform", subcommands = VerifyCertificateCommand.class,
        description = "Runs the platform, or with a command as the first argument one of its tools.")
final class Cli implements Runnable {

    @Spec
    CommandSpec spec;

    /** Reached only without a subcommand, which {@link #handles} never lets through. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }

    /** Whether {@code args} ask for one of the tools rather than for the platform. */
    static boolean handles(String[] args) {
        return args.length > 0 && commandLine(CtlConsole.system()).getSubcommands().containsKey(args[0]);
    }

    /** Runs the tool {@code args} name on the process's standard streams; returns its exit code. */
    static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs the tool {@code args} name, writing to {@code out} and {@code err}; returns its exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CtlConsole.system());
    }

    /**
     * Runs the tool {@code args} name, writing to {@code out} and {@code err}, with {@code console}
     * as the environment, input, terminals and clock {@code ctl} sees; returns its exit code.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, CtlConsole console) {
        CommandLine cli = commandLine(console);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine commandLine(CtlConsole console) {
        CommandLine cli = new CommandLine(new Cli()).addSubcommand(new CtlCommand(console));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        CtlCommand.install(cli);
        return cli;
    }
}

package com.bakeryia.launcher.ctl;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A group of {@code ctl} commands ({@code jobs}, {@code tenants}, ...): its commands reach the
 * global options and the platform through {@link #ctl}; named alone, the group is a usage error
 * that lists its commands.
 */
abstract class CommandGroup implements Runnable {

    @ParentCommand
    CtlCommand ctl;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CtlCommand.missingCommand(spec);
    }
}

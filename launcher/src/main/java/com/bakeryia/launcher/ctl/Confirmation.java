package com.bakeryia.launcher.ctl;

import java.io.IOException;

/**
 * The confirmation a destructive command asks for, as a mature CLI does (GitHub's "type the name of
 * the repository"): on a terminal, the person types back what is about to go; without a terminal
 * and without {@code --yes} the command refuses (exit 2) rather than wait for an answer nobody can
 * give. Nothing has been changed when it refuses.
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * Fails (exit 2) when nobody can be asked: checked before anything is read from the platform,
     * so a script without {@code --yes} stops at once.
     *
     * @param what what is about to be deleted, for the message ({@code tenant <id>})
     */
    static void requireTerminal(CtlConsole console, String what) {
        if (!console.inputIsTerminal()) {
            throw CtlFailure.usage("not deleting " + what + " without a confirmation, and there is no terminal to ask on:"
                    + " pass --yes to confirm");
        }
    }

    /**
     * Returns when the person typed {@code expected} back; otherwise fails with exit 2.
     *
     * @param what     what is about to be deleted ({@code tenant <id>}), for the message without a terminal
     * @param expected what the person must type back
     * @param label    what {@code expected} is, for the prompt ({@code the tenant's id})
     */
    static void ask(CtlConsole console, Output output, String what, String expected, String label) {
        requireTerminal(console, what);
        output.err().print("Type " + expected + " (" + label + ") to confirm: ");
        output.err().flush();
        String answer;
        try {
            answer = console.input().readLine();
        } catch (IOException e) {
            throw CtlFailure.usage("cannot read the confirmation: " + e.getMessage());
        }
        if (answer == null || !answer.strip().equals(expected)) {
            throw CtlFailure.usage("the confirmation did not match; nothing was deleted");
        }
    }
}

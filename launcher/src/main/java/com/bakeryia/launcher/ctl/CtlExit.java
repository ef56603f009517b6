package com.bakeryia.launcher.ctl;

/**
 * The exit codes of every {@code ctl} command: the contract scripts rely on, listed in
 * {@code ctl --help} and in docs/console-and-ctl.md ("Output and exit codes").
 */
final class CtlExit {

    /** The operation succeeded (a job followed with --wait COMPLETED, a verification passed). */
    static final int OK = 0;
    /** The operation ran, and its result is a failure: a job FAILED or CANCELLED, a verification invalid. */
    static final int FAILED = 1;
    /** A usage error, input or credentials that cannot be read, a request the platform called malformed, or no confirmation. */
    static final int USAGE = 2;
    /** The job, tenant, user or certificate does not exist (404). */
    static final int NOT_FOUND = 3;
    /** The credentials were refused (401), or they do not allow this (403). */
    static final int NOT_ALLOWED = 4;
    /** The platform refused it as things stand (409), e.g. a restore after the deletion started. */
    static final int CONFLICT = 5;
    /** The platform could not be reached, or answered 5xx or 429 after retries. */
    static final int UNAVAILABLE = 6;
    /** {@code --wait} ended at {@code --wait-timeout} with the job still unfinished. */
    static final int WAIT_TIMED_OUT = 7;

    private CtlExit() {
    }

    /** The exit code for an HTTP error status the platform answered. */
    static int forStatus(int status) {
        return switch (status) {
            case 401, 403 -> NOT_ALLOWED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> status == 429 || status >= 500 ? UNAVAILABLE : USAGE;
        };
    }
}

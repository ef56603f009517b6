package com.bakeryia.launcher.ctl;

/**
 * Why a command stops, and with which {@link CtlExit exit code}: printed as {@code error: <message>}
 * on standard error, never with a stack trace.
 */
final class CtlFailure extends RuntimeException {

    private final int exitCode;

    CtlFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CtlFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CtlFailure usage(String message) {
        return new CtlFailure(CtlExit.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}

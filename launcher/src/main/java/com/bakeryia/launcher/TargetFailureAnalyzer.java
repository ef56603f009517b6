package com.bakeryia.launcher;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a wrong target list as one line with the valid names. */
class TargetFailureAnalyzer extends AbstractFailureAnalyzer<IllegalArgumentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalArgumentException cause) {
        if (cause instanceof TargetSelection.UnknownTargetException) {
            return new FailureAnalysis(cause.getMessage(),
                    "Pass --targets=all or a comma-separated list of valid targets.", cause);
        }
        return null;
    }
}

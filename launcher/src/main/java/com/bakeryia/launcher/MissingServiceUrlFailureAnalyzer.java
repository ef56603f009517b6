package com.bakeryia.launcher;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a called service that is neither local nor reachable by URL. */
class MissingServiceUrlFailureAnalyzer extends AbstractFailureAnalyzer<TargetSelection.MissingServiceUrlException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TargetSelection.MissingServiceUrlException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Run the called services in this process or point at the processes that run them.", cause);
    }
}

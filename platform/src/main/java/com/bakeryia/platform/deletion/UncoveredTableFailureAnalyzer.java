package com.bakeryia.platform.deletion;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports the coverage guard's finding as one line naming the uncovered tables. */
public class UncoveredTableFailureAnalyzer extends AbstractFailureAnalyzer<UncoveredTableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UncoveredTableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Every table with tenant_id, and every column naming a user or holding an e-mail address, must be declared"
                        + " in the service's DeletionPlan, even when the service deletes with its own code.", cause);
    }
}

package com.bakeryia.platform;

import com.bakeryia.platform.data.DatabaseUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an unreachable database as one clear line and what to do, instead of a stack trace. */
public class StartupFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check bakery.db.url (or bakery.services.<name>.db.url), the credentials, and that the server is up;"
                        + " leave bakery.db.url unset to run the embedded PostgreSQL.", cause);
    }
}

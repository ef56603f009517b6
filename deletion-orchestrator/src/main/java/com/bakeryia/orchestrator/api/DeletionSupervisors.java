package com.bakeryia.orchestrator.api;

import com.bakeryia.platform.security.CallerPrincipal;

/**
 * Who may act on every deletion record, whoever's tenant or account it concerns: services (the
 * platform's own calls, and tools with service credentials) and people whose account holds the
 * platform role OPERATOR (support, with their own login). What they may do here is the same; an
 * operator is recorded by their user id wherever a service is by its client id. Everyone else acts
 * only for their own tenant or their own account.
 */
final class DeletionSupervisors {

    /** The rule of the endpoints only they may call. */
    static final String ONLY = "hasAnyRole('SERVICE', 'OPERATOR')";

    private DeletionSupervisors() {
    }

    static boolean includes(CallerPrincipal caller) {
        return caller.isService() || caller.isOperator();
    }
}

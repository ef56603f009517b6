package com.bakeryia.platform.remote;

import com.bakeryia.platform.security.JwtTokens;

/**
 * Where this process gets the service tokens it presents to other services. The auth service
 * mints them locally; every other process exchanges the platform's client credentials at the auth
 * service ({@link CredentialExchangeTokenSource}). {@link RemoteServices} reuses a token until
 * shortly before it expires, so implementations need not cache.
 */
@FunctionalInterface
public interface ServiceTokenSource {

    /** A new service token for this process. */
    JwtTokens.IssuedToken issue();
}

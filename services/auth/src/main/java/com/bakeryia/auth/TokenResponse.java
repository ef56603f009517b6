package com.bakeryia.auth;

import com.bakeryia.platform.security.JwtTokens;

/**
 * The OAuth 2 token response (RFC 6749 §5.1).
 *
 * @param expiresIn    seconds until the access token expires
 * @param refreshToken absent for service tokens
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    static TokenResponse of(JwtTokens.IssuedToken access, String refreshToken) {
        return new TokenResponse(access.value(), "Bearer", access.lifetime().toSeconds(), refreshToken);
    }
}

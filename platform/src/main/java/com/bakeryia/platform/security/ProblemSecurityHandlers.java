package com.bakeryia.platform.security;

import java.io.IOException;

import com.bakeryia.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 as RFC 9457 problem+json, keeping the {@code WWW-Authenticate} header that
 * RFC 6750 asks for.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final ProblemWriter problems;

    ProblemSecurityHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        if (!carriesBearerToken(request)) {
            bearerEntryPoint.commence(request, response, exception);
            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                    "This endpoint requires a bearer token (Authorization: Bearer <jwt>).");
            return;
        }
        // Our own words only: the decoder's refusals are plain already; the rest (a token with
        // characters a JWT cannot hold, two tokens) is named in general terms.
        String detail = PlatformJwtDecoders.REFUSALS.contains(exception.getMessage()) ? exception.getMessage()
                : isMalformedBearerHeader(exception) ? PlatformJwtDecoders.MALFORMED : PlatformJwtDecoders.INVALID;
        bearerEntryPoint.commence(request, response, new InvalidBearerTokenException(detail));
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    private static boolean carriesBearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer", 0, 6);
    }

    /** The resolver's refusal of a bearer header that is no token at all. */
    private static boolean isMalformedBearerHeader(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException oauth
                && OAuth2ErrorCodes.INVALID_TOKEN.equals(oauth.getError().getErrorCode());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        bearerDenied.handle(request, response, exception);
        problems.write(request, response, HttpStatus.FORBIDDEN,
                "This kind of principal may not call " + request.getMethod() + " " + request.getRequestURI() + ".");
    }
}

package com.bakeryia.platform.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.identity.UserDirectory;
import com.bakeryia.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user's access token acts only while its account is ACTIVE: asked of the auth service on every
 * request (in its own process a primary-key read, elsewhere one HTTP call; nothing is cached, so a
 * person whose deletion was asked for is refused by every process from that moment, not when their
 * tokens expire). An account scheduled for deletion, being erased, disabled or gone (erased ids stay
 * unknown for good) answers 401 saying which; when the auth service cannot be asked, 503 (try
 * again) rather than letting the token act unchecked. Service tokens are not affected. The same
 * answer says which platform roles the person holds ({@link com.bakeryia.platform.identity.PlatformRole}):
 * the request acts with them too, so a role granted or revoked counts from the next request on, in
 * every process, without new tokens.
 */
class ActiveAccountFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ActiveAccountFilter.class);

    private final UserDirectory users;
    private final ProblemWriter problems;

    ActiveAccountFilter(UserDirectory users, ProblemWriter problems) {
        this.users = users;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken)) {
            chain.doFilter(request, response);
            return;
        }
        CallerPrincipal caller = CallerPrincipal.of(authentication);
        if (!caller.isUser()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UUID> userId = caller.userId();
        if (userId.isEmpty()) {
            refuse(request, response, "The token's subject is not a user id.");
            return;
        }
        Optional<UserDirectory.Account> account;
        try {
            account = users.account(userId.get());
        } catch (RuntimeException e) {
            log.warn("User {}: the account could not be checked, request refused: {}", userId.get(), e.getMessage());
            SecurityContextHolder.clearContext();
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "Your account's standing could not be checked right now; repeat the request.");
            return;
        }
        if (account.isEmpty()) {
            refuse(request, response, "The token names an account that does not exist (or was erased).");
            return;
        }
        String refusal = switch (account.get().status()) {
            case ACTIVE -> null;
            case PENDING_DELETION -> "Your account is scheduled for deletion at " + account.get().deletionScheduledFor()
                    + " and its sessions have ended. To cancel the deletion, log in with \"cancel_deletion\": true.";
            case DELETING -> "Your account is being erased; its tokens no longer work.";
            case DISABLED -> "Your account is disabled.";
        };
        if (refusal != null) {
            refuse(request, response, refusal);
            return;
        }
        if (!account.get().platformRoles().isEmpty()) {
            withPlatformRoles((JwtAuthenticationToken) authentication, account.get());
        }
        chain.doFilter(request, response);
    }

    /**
     * The request acts with the account's platform roles as well ({@code ROLE_OPERATOR}), from this
     * very answer of auth's: the token carries none, so a role granted or revoked counts from the next request.
     */
    private static void withPlatformRoles(JwtAuthenticationToken token, UserDirectory.Account account) {
        List<GrantedAuthority> authorities = new ArrayList<>(token.getAuthorities());
        account.platformRoles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new JwtAuthenticationToken(token.getToken(), authorities, token.getName()));
        SecurityContextHolder.setContext(context);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        SecurityContextHolder.clearContext();
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                + "The account may not act\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}

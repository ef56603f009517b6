package com.bakeryia.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.bakeryia.platform.security.JwtTokens;
import com.bakeryia.platform.security.ServiceClientCredentials;
import com.bakeryia.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration, login, refresh, logout and the service-credential exchange. All public: the
 * credentials are in the body.
 */
@Tag(name = "Authentication", description = "Registration, login, refresh, logout and the service-credential exchange,"
        + " all public (the credentials are in the body); and the public keys (a JWK Set) that verify the tokens issued.")
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    static final String RATE_LIMITED = "Too many requests from this client address (bakery.rate-limits.per-address);"
            + " Retry-After says when to try again";
    static final String PASSWORD_CHECKS_BUSY = "Too many password checks at once (bakery.auth.password-check-permits);"
            + " Retry-After says when to try again";

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    /** BCrypt reads at most 72 bytes; a longer password would be silently truncated. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MIN_PASSWORD_LENGTH = 10;

    private final Users users;
    private final PasswordHasher hasher;
    private final PasswordChecks passwordChecks;
    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final JwtTokens tokens;
    private final AuthProperties properties;
    private final ServiceClientCredentials platformClient;
    private final Registrations registrations;
    private final EmailVerifications verifications;

    AuthController(Users users, PasswordHasher hasher, PasswordChecks passwordChecks, LoginThrottle throttle, RefreshTokens refreshTokens,
                   JwtTokens tokens, AuthProperties properties, ServiceClientCredentials platformClient,
                   Registrations registrations, EmailVerifications verifications) {
        this.registrations = registrations;
        this.verifications = verifications;
        this.users = users;
        this.hasher = hasher;
        this.passwordChecks = passwordChecks;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.properties = properties;
        this.platformClient = platformClient;
    }

    record RegisterRequest(
            @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
            String email,
            @NotNull @Size(min = MIN_PASSWORD_LENGTH, max = MAX_PASSWORD_BYTES) String password,
            @NotBlank @Size(max = 200) String fullName) {
    }

    /**
     * @param cancelDeletion with the right password, cancels the account's scheduled deletion (its
     *                       window is still open) and logs in; without it such a login is refused
     */
    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password,
                        Boolean cancelDeletion) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record ServiceTokenRequest(@NotBlank @Size(max = 200) String clientId, @NotBlank @Size(max = 1000) String clientSecret) {
    }

    @Operation(operationId = "registerUser", summary = "Register a user account; a link to verify the address is mailed to it",
            description = "The address is stored normalised (Unicode NFKC, then lower case) and unverified: a link mailed"
                    + " to it verifies it (GET or POST /api/v1/auth/email-verification). Registering an address that already"
                    + " has an account answers exactly as for a free one (201, an account-shaped body whose id names no"
                    + " account), changes nothing, and mails the address's owner that someone tried.")
    @ApiResponse(responseCode = "201", description = "The new account, unverified (or, for a taken address, an answer that"
            + " cannot be told apart from it)")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field, or a weak password", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED, content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = PASSWORD_CHECKS_BUSY, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/register")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
        String email = EmailAddresses.normalise(request.email());
        requireStrongPassword(request.password(), email);
        String hash = passwordChecks.run(() -> hasher.hash(request.password()));
        UserView user = registrations.register(email, request.fullName().strip(), hash);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    /** The token of a verification link, as mailed. */
    record EmailVerificationRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+",
            message = "must be the token of a verification link") String token) {
    }

    /**
     * An address verified.
     *
     * @param email           the address the link was mailed to, now verified
     * @param emailVerifiedAt when it was verified (the first time, if the link is followed again)
     */
    @Schema(name = "EmailVerification")
    record EmailVerificationView(String email, Instant emailVerifiedAt) {
    }

    @Operation(operationId = "verifyEmailAddress", summary = "Verify an address by the link mailed to it (the link's GET)",
            description = "Public, no sign-in: the token proves the mailbox. Works from any browser, once per link (following"
                    + " a used link again answers the same while the address is unchanged and verified), until the link"
                    + " expires (bakery.auth.verification-link-ttl).")
    @ApiResponse(responseCode = "200", description = "The address is verified")
    @ApiResponse(responseCode = "400", description = "No token, or not a token's form", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such link", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The account's address changed since the link was mailed",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "The link expired; signing in (or POST /api/v1/users/me/email-verification)"
            + " mails a new one", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED, content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/email-verification")
    EmailVerificationView verifyEmailByLink(@RequestParam("token") @NotBlank @Size(max = 100)
                                            @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be the token of a verification link")
                                            String token) {
        return verifyEmail(token);
    }

    @Operation(operationId = "confirmEmailAddress", summary = "Verify an address with the token of the link mailed to it",
            description = "As the link's GET, for clients that post the token (\"token\" in the body).")
    @ApiResponse(responseCode = "200", description = "The address is verified")
    @ApiResponse(responseCode = "400", description = "No token, or not a token's form", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such link", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The account's address changed since the link was mailed",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "410", description = "The link expired; signing in (or POST /api/v1/users/me/email-verification)"
            + " mails a new one", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/email-verification")
    EmailVerificationView confirmEmail(@Valid @RequestBody EmailVerificationRequest request) {
        return verifyEmail(request.token());
    }

    private EmailVerificationView verifyEmail(String token) {
        EmailVerifications.Result result = verifications.verify(token);
        return switch (result.outcome()) {
            case VERIFIED -> {
                log.info("User {}: e-mail address verified", result.userId());
                yield new EmailVerificationView(result.email(), result.verifiedAt());
            }
            case UNKNOWN -> throw ApiProblem.notFound("This verification link is unknown.");
            case EXPIRED -> throw ApiProblem.of(HttpStatus.GONE, "This verification link has expired. Sign in, or ask for a"
                    + " new link with POST /api/v1/users/me/email-verification, to have a new one mailed.");
            case ADDRESS_CHANGED -> throw ApiProblem.conflict("The account's e-mail address changed after this link was"
                    + " mailed; the link verifies nothing now.");
        };
    }

    @Operation(operationId = "loginUser", summary = "Log in: an access token and a refresh token; with cancel_deletion, also cancel the"
            + " account's scheduled deletion")
    @ApiResponse(responseCode = "200", description = "The tokens (OAuth 2 token response)")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Email or password is incorrect (also for a disabled account)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Right password, but the account is scheduled for deletion"
            + " (deletion_scheduled_for says when; repeat with \"cancel_deletion\": true to cancel it) or being erased",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many failed logins for this account, or too many requests from"
            + " this client address (bakery.rate-limits.per-address); Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = PASSWORD_CHECKS_BUSY, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request) {
        // The permit covers the attempt's few short statements too, so a flood holds at most as many
        // pooled connections as there are permits; none is held while the password is hashed.
        LoginThrottle.Outcome<UserView> outcome = passwordChecks.run(() -> throttle.attempt(request.email(), () -> {
            Optional<Users.Account> account = users.findByEmail(EmailAddresses.normalise(request.email()));
            boolean matches = hasher.matches(request.password(), account.map(Users.Account::passwordHash).orElse(null));
            // A right password counts as a success for the throttle whatever the account's standing;
            // a DISABLED account is refused like a wrong password.
            return account.filter(found -> matches && found.mayLogIn()).map(Users.Account::view);
        }));
        if (outcome.retryAfter() != null) {
            long seconds = Math.max(1, outcome.retryAfter().toSeconds());
            ApiProblem tooMany = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins for this account; try again in " + seconds + " seconds.");
            tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            throw tooMany;
        }
        if (outcome.failed()) {
            throw ApiProblem.unauthorized("Email or password is incorrect.");
        }
        UserView user = outcome.value();
        if (Users.PENDING_DELETION.equals(user.status())) {
            if (!Boolean.TRUE.equals(request.cancelDeletion())) {
                throw ApiProblem.of(HttpStatus.FORBIDDEN, "This account is scheduled for deletion at "
                        + user.deletionScheduledFor() + " and is locked until then. To cancel the deletion and sign in,"
                        + " log in again with \"cancel_deletion\": true.")
                        .with("deletion_scheduled_for", user.deletionScheduledFor());
            }
            if (!users.restore(user.id())) {
                throw erasureStarted();
            }
            log.info("User {}: deletion cancelled by logging in with cancel_deletion", user.id());
        } else if (Users.DELETING.equals(user.status())) {
            throw erasureStarted();
        }
        if (user.emailVerifiedAt() == null && properties.emailVerification() == AuthProperties.EmailVerification.REQUIRED) {
            boolean mailed = registrations.resendVerification(user, Registrations.RESEND_PAUSE);
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Confirm your e-mail address first: open the link mailed to it ("
                    + (mailed ? "a new one was mailed just now" : "the last one was mailed a few minutes ago")
                    + "). Until then this platform (bakery.auth.email-verification=required) lets no unverified account sign in.")
                    .with("email_verification_required", true);
        }
        return issueUserTokens(user);
    }

    private static ApiProblem erasureStarted() {
        return ApiProblem.of(HttpStatus.FORBIDDEN, "This account is being erased; its deletion can no longer be cancelled.");
    }

    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for new tokens (the refresh token is rotated)")
    @ApiResponse(responseCode = "200", description = "The tokens (OAuth 2 token response)")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, expired or revoked", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        UserView user = refreshTokens.redeem(request.refreshToken())
                .flatMap(users::find)
                .filter(found -> Users.ACTIVE.equals(found.status()))
                .orElseThrow(() -> ApiProblem.unauthorized("The refresh token is unknown, expired or revoked."));
        return issueUserTokens(user);
    }

    @Operation(operationId = "logoutUser", summary = "Revoke a refresh token")
    @ApiResponse(responseCode = "204", description = "Revoked (also when it was unknown)")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        refreshTokens.revoke(request.refreshToken());
    }

    @Operation(operationId = "issueServiceToken", summary = "Exchange service client credentials for a service token")
    @ApiResponse(responseCode = "200", description = "The service token (OAuth 2 token response)")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "Unknown service client or wrong secret", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/service-token")
    TokenResponse serviceToken(@Valid @RequestBody ServiceTokenRequest request) {
        boolean known = platformClient.matches(request.clientId(), request.clientSecret())
                || Optional.ofNullable(properties.serviceClients().get(request.clientId()))
                        .map(client -> ServiceClientCredentials.constantTimeEquals(client.secret(), request.clientSecret()))
                        .orElse(false);
        if (!known) {
            throw ApiProblem.unauthorized("Unknown service client or wrong secret.");
        }
        return TokenResponse.of(tokens.issueServiceToken(request.clientId()), null);
    }

    private TokenResponse issueUserTokens(UserView user) {
        return TokenResponse.of(tokens.issueUserToken(user.id()), refreshTokens.issue(user.id()));
    }

    /** At least 10 characters with a letter and a digit, at most 72 bytes, and not the email itself. */
    private static void requireStrongPassword(String password, String email) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiProblem.badRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8.");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            throw ApiProblem.badRequest("password is too weak: it needs at least one letter and one digit.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
        if (lower.contains(email.toLowerCase(Locale.ROOT)) || (localPart.length() >= 4 && lower.contains(localPart))) {
            throw ApiProblem.badRequest("password is too weak: it must not contain the email address.");
        }
        if (password.chars().distinct().count() < 4) {
            throw ApiProblem.badRequest("password is too weak: it repeats too few different characters.");
        }
    }
}

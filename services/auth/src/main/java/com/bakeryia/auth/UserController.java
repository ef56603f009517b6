package com.bakeryia.auth;

import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.web.ApiProblem;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account, and user lookups for other services. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    /** Users only: their own account. */
    @GetMapping("/me")
    @PreAuthorize("hasRole('USER')")
    UserView me(Authentication authentication) {
        UUID userId = CallerPrincipal.of(authentication).userId()
                .orElseThrow(() -> ApiProblem.unauthorized("The token's subject is not a user id."));
        return users.find(userId).orElseThrow(() -> ApiProblem.notFound("Your account no longer exists."));
    }

    /** Services only: whether and as whom a user exists (for example before adding a membership). */
    @GetMapping("/{user_id}")
    @PreAuthorize("hasRole('SERVICE')")
    UserView user(@PathVariable("user_id") UUID userId) {
        return users.find(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId + " does not exist."));
    }
}

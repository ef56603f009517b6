package com.bakeryia.auth;

import java.util.UUID;

import com.bakeryia.platform.identity.UserDirectory;

import org.springframework.stereotype.Component;

/** Answers other services in this process (the tenant service) whether a user exists, without HTTP. */
@Component
class LocalUserDirectory implements UserDirectory {

    private final Users users;

    LocalUserDirectory(Users users) {
        this.users = users;
    }

    @Override
    public boolean exists(UUID userId) {
        return users.find(userId).isPresent();
    }
}

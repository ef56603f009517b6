package com.bakeryia.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.bakeryia.platform.identity.UserDirectory;

import org.springframework.stereotype.Component;

/** Answers other services in this process (the tenant service, the orchestrator, every token check) without HTTP. */
@Component
class LocalUserDirectory implements UserDirectory {

    private final Users users;

    LocalUserDirectory(Users users) {
        this.users = users;
    }

    @Override
    public Optional<Account> account(UUID userId) {
        return users.standing(userId);
    }

    @Override
    public boolean scheduleDeletion(UUID userId, Instant deletionAt) {
        return users.scheduleDeletion(userId, deletionAt);
    }

    @Override
    public boolean markDeleting(UUID userId) {
        return users.markDeleting(userId);
    }

    @Override
    public boolean restore(UUID userId) {
        return users.restore(userId);
    }
}

package com.bakeryia.platform.identity;

import java.util.UUID;

/**
 * Answers "does user U exist". The auth service implements it in-process; elsewhere
 * {@link RemoteUserDirectory} asks it over HTTP ({@code GET /api/v1/users/{user_id}}, services only).
 */
public interface UserDirectory {

    boolean exists(UUID userId);
}

package com.bakeryia.platform.identity;

import java.time.Duration;
import java.util.UUID;

import com.bakeryia.platform.remote.RemoteServices;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/** Asks the auth service in another process, with this process's service token. */
public class RemoteUserDirectory implements UserDirectory {

    private final RemoteServices remoteServices;

    public RemoteUserDirectory(RemoteServices remoteServices) {
        this.remoteServices = remoteServices;
    }

    @Override
    public boolean exists(UUID userId) {
        try {
            remoteServices.client("auth", Duration.ofSeconds(5)).get()
                    .uri("/api/v1/users/{user_id}", userId)
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}

package com.bakeryia.orchestrator.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.RemoteDeletionParticipant;
import com.bakeryia.platform.deletion.LocalDeletionParticipants;
import com.bakeryia.platform.remote.RemoteServices;

/**
 * Finds the participant for a step's service: the in-process one when the service runs here,
 * otherwise a {@link RemoteDeletionParticipant} over HTTP (service token, per-call read timeout).
 * Resolved at call time, so a missing URL or a service without a plan fails that step with a
 * clear error, instead of stopping the host at start-up.
 */
public class ParticipantDirectory {

    private final LocalDeletionParticipants local;
    private final RemoteServices remoteServices;
    private final Duration callTimeout;
    private final Map<String, DeletionParticipant> remote = new ConcurrentHashMap<>();

    public ParticipantDirectory(LocalDeletionParticipants local, RemoteServices remoteServices, Duration callTimeout) {
        this.local = local;
        this.remoteServices = remoteServices;
        this.callTimeout = callTimeout;
    }

    /** The participant of {@code service}; throws naming the reason when there is none. */
    public DeletionParticipant participant(String service) {
        Optional<DeletionParticipant> here = local.find(service);
        if (here.isPresent()) {
            return here.get();
        }
        if (remoteServices.isLocal(service)) {
            throw new IllegalStateException(service + " runs in this process but declares no deletion participant");
        }
        return remote.computeIfAbsent(service,
                name -> new RemoteDeletionParticipant(name, remoteServices.client(name, callTimeout)));
    }
}

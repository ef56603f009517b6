package com.bakeryia.orchestrator.requests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.orchestrator.engine.OrchestratorProperties;
import com.bakeryia.orchestrator.engine.ParticipantDirectory;

/**
 * Asks participants, in parallel and all within one call timeout, what deleting a subject would
 * remove. A participant that fails or does not answer in time is listed as unavailable instead of
 * failing the whole preview. Changes nothing.
 */
final class ParticipantPreviews {

    private final ParticipantDirectory participants;
    private final OrchestratorProperties properties;

    ParticipantPreviews(ParticipantDirectory participants, OrchestratorProperties properties) {
        this.participants = participants;
        this.properties = properties;
    }

    Collected collect(List<String> services, DeletionSubject subject) {
        ExecutorService calls = Executors.newFixedThreadPool(Math.max(1, Math.min(services.size(), properties.parallelism())));
        try {
            Map<String, Future<DeletionPreview>> pending = new LinkedHashMap<>();
            services.forEach(service -> pending.put(service, calls.submit(() -> participants.participant(service).preview(subject))));
            List<TenantDeletionPreview.ServicePreview> answered = new ArrayList<>();
            Map<String, String> unavailable = new TreeMap<>();
            long deadline = System.nanoTime() + properties.callTimeout().toNanos();
            for (var entry : pending.entrySet()) {
                try {
                    DeletionPreview preview = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    answered.add(new TenantDeletionPreview.ServicePreview(entry.getKey(), preview.remaining(),
                            new TreeMap<>(preview.toDelete()), new TreeMap<>(preview.toAnonymise()),
                            new TreeMap<>(preview.toRetain()), new TreeMap<>(preview.retention())));
                } catch (TimeoutException e) {
                    entry.getValue().cancel(true);
                    unavailable.put(entry.getKey(), "no answer within " + properties.callTimeout());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    unavailable.put(entry.getKey(), cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while previewing " + subject, e);
                }
            }
            return new Collected(answered, unavailable);
        } finally {
            calls.shutdownNow();
        }
    }

    /**
     * What the participants answered.
     *
     * @param answered    one preview per participant that answered
     * @param unavailable the reason per participant that did not
     */
    record Collected(List<TenantDeletionPreview.ServicePreview> answered, Map<String, String> unavailable) {

        long totalItems() {
            return answered.stream().mapToLong(TenantDeletionPreview.ServicePreview::items).sum();
        }
    }
}

package com.bakeryia.orchestrator;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.bakeryia.deletion.DeletionParticipant;
import com.bakeryia.deletion.DeletionPreview;
import com.bakeryia.deletion.DeletionResult;
import com.bakeryia.deletion.DeletionSubject;

/** A real SQL participant that acts out the faults {@link ParticipantFaults} holds for its service. */
final class FaultyParticipant implements DeletionParticipant {

    private final DeletionParticipant delegate;
    private final ParticipantFaults faults = ParticipantFaults.INSTANCE;

    FaultyParticipant(DeletionParticipant delegate) {
        this.delegate = delegate;
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public DeletionPreview preview(DeletionSubject subject) {
        if (faults.of(service()).down) {
            throw new IllegalStateException("connection refused (test: service down)");
        }
        return delegate.preview(subject);
    }

    /** Like a JDBC statement in progress: a cancelled caller does not stop it. */
    private static void sleepIgnoringInterrupts(java.time.Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        boolean interrupted = false;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public DeletionResult delete(DeletionSubject subject, java.util.UUID runId) {
        String key = service() + ":" + subject.id();
        faults.enter(key);
        try {
            ParticipantFaults.Fault fault = faults.of(service());
            fault.entered.incrementAndGet();
            CountDownLatch gate = fault.gate;
            if (gate != null) {
                gate.await();
            }
            if (fault.down) {
                throw new IllegalStateException("connection refused (test: service down)");
            }
            if (fault.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected failure (test)");
            }
            if (fault.slowCallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                sleepIgnoringInterrupts(fault.slowness);
            }
            if (fault.skipDelete) {
                DeletionResult nothing = delegate.delete(DeletionSubject.tenant(new java.util.UUID(0, 1)));
                return new DeletionResult(service(), subject.scope(), subject.id(), Map.of(), Map.of(), Map.of(),
                        java.util.List.of(), nothing.startedAt(), nothing.completedAt(), 0);
            }
            DeletionResult result = delegate.delete(subject, runId);
            fault.deletesDone.incrementAndGet();
            CountDownLatch afterDelete = fault.afterDeleteGate;
            if (afterDelete != null) {
                afterDelete.await();
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            faults.leave(key);
        }
    }
}

package com.bakeryia.orchestrator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the test participants act out, per service, shared by every test context of the JVM
 * (the crash test runs two). Also records how many calls of each participant ran at once.
 */
public final class ParticipantFaults {

    public static final ParticipantFaults INSTANCE = new ParticipantFaults();

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> concurrent = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxConcurrent = new ConcurrentHashMap<>();

    private ParticipantFaults() {
    }

    static final class Fault {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger slowCallsLeft = new AtomicInteger();
        final AtomicInteger entered = new AtomicInteger();
        volatile Duration slowness = Duration.ZERO;
        volatile boolean down;
        volatile boolean skipDelete;
        volatile CountDownLatch gate;
        final AtomicInteger deletesDone = new AtomicInteger();
        volatile CountDownLatch afterDeleteGate;
    }

    Fault of(String service) {
        return faults.computeIfAbsent(service, s -> new Fault());
    }

    public void failNext(String service, int calls) {
        of(service).failuresLeft.set(calls);
    }

    public void slowNext(String service, int calls, Duration slowness) {
        of(service).slowness = slowness;
        of(service).slowCallsLeft.set(calls);
    }

    public void down(String service, boolean down) {
        of(service).down = down;
    }

    /** The participant reports success without deleting anything. */
    public void skipDelete(String service, boolean skip) {
        of(service).skipDelete = skip;
    }

    /** Deletes of the service block until {@link #release}. */
    public void hold(String service) {
        of(service).gate = new CountDownLatch(1);
    }

    public void release(String service) {
        for (CountDownLatch gate : new CountDownLatch[] {of(service).gate, of(service).afterDeleteGate}) {
            if (gate != null) {
                gate.countDown();
            }
        }
        of(service).gate = null;
        of(service).afterDeleteGate = null;
    }

    /** Deletes of the service, once they have deleted, do not return until {@link #release}. */
    public void holdAfterDelete(String service) {
        of(service).afterDeleteGate = new CountDownLatch(1);
    }

    /** Deletes of the service that have deleted (and may be held before returning). */
    public int deletesDone(String service) {
        return of(service).deletesDone.get();
    }

    public int entered(String service) {
        return of(service).entered.get();
    }

    public void reset() {
        faults.keySet().forEach(this::release);
        faults.clear();
    }

    void enter(String key) {
        int now = concurrent.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        maxConcurrent.merge(key, now, Math::max);
    }

    void leave(String key) {
        concurrent.get(key).decrementAndGet();
    }

    /** The most deletes of one participant for one subject that ever ran at the same time. */
    public int maxConcurrent(String key) {
        return maxConcurrent.getOrDefault(key, 0);
    }
}

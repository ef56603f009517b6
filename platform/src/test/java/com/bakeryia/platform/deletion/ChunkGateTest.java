package com.bakeryia.platform.deletion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The gate of long chunk statements: at most its permits at once, first come first served. */
class ChunkGateTest {

    @Test
    void noMoreStatementsRunAtOnceThanThereArePermits() throws Exception {
        ChunkGate gate = new ChunkGate(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(callers.submit(() -> gate.pass(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    return running.decrementAndGet();
                })));
            }
            for (Future<Integer> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            assertThat(most.get()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void statementsWaitingForAPermitGetItInTheOrderTheyCame() throws Exception {
        ChunkGate gate = new ChunkGate(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int caller = i;
                calls.add(callers.submit(() -> gate.pass(() -> {
                    order.add(caller);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return caller;
                })));
                if (i == 0) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 1);
                } else {
                    // Queued behind the one that holds the permit, in the order they came.
                    await().atMost(Duration.ofSeconds(10)).until(() -> waitingInGate() == caller);
                }
            }
            release.countDown();
            for (Future<Integer> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            assertThat(order).containsExactly(0, 1, 2, 3, 4);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anOpenGateHoldsNothingBackAndNegativePermitsAreRefused() {
        AtomicInteger inside = new AtomicInteger();
        int nested = ChunkGate.OPEN.pass(() -> ChunkGate.OPEN.pass(() -> ChunkGate.OPEN.pass(inside::incrementAndGet)));
        assertThat(nested).isEqualTo(1);
        assertThatThrownBy(() -> new ChunkGate(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallerInterruptedWhileWaitingRunsNothing() throws Exception {
        ChunkGate gate = new ChunkGate(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.pass(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        holding.await(10, TimeUnit.SECONDS);
        AtomicInteger ran = new AtomicInteger();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> gate.pass(ran::incrementAndGet)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Interrupted");
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        assertThat(ran.get()).isZero();
        release.countDown();
        holder.join(10_000);
    }

    /** Threads parked in a gate (a semaphore's queue): callers waiting for a permit. */
    private static long waitingInGate() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getState() == Thread.State.WAITING)
                .filter(entry -> java.util.Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(java.util.concurrent.Semaphore.class.getName())))
                .filter(entry -> java.util.Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(ChunkGate.class.getName())))
                .count();
    }

    @Test
    void theGateCountsTheStatementsThatWaitedForAPermitAndHowLong() throws Exception {
        ChunkGate gate = new ChunkGate(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = callers.submit(() -> gate.pass(() -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            }));
            holding.await(10, TimeUnit.SECONDS);
            Future<Integer> second = callers.submit(() -> gate.pass(() -> 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.waits().passed() == 1 && !second.isDone());
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS) + second.get(10, TimeUnit.SECONDS)).isEqualTo(3);

            ChunkGateWaits waits = gate.waits();
            assertThat(waits.passed()).isEqualTo(2);
            assertThat(waits.waited()).isEqualTo(1);
            assertThat(waits.total()).isPositive().isEqualTo(waits.longest());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anOpenGateCountsWhatPassedAndNeverWaits() {
        ChunkGate gate = new ChunkGate(0);

        gate.pass(() -> 1);

        assertThat(gate.waits()).isEqualTo(new ChunkGateWaits(1, 0, Duration.ZERO, Duration.ZERO));
    }
}

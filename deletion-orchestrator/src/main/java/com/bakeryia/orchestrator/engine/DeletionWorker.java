package com.bakeryia.orchestrator.engine;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.bakeryia.orchestrator.job.JobKind;
import com.bakeryia.orchestrator.job.LeasedStep;
import com.bakeryia.orchestrator.lifecycle.GraceWindows;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the steps of deletion jobs. Every poll interval (and whenever a step finishes) it claims
 * due steps up to its free capacity, runs each on its own thread under the per-service timeout,
 * extends the leases of the steps it holds every heartbeat interval, and records each attempt's
 * outcome through the fenced store. Several workers (threads of other replicas, or a restarted
 * process) share the store; a step is held by one of them at a time. Three threads keep time apart:
 * one polls (claims), one renews leases (heartbeats), and one runs the scheduled pass every poll
 * interval (grace windows that ended, {@link GraceWindows}, and jobs FAILED for longer than the
 * retry interval, {@link FailedJobRetries}), which calls the tenant and auth services: however slow
 * they are, heartbeats and claims go on. No thread per job; the job rows say what is due.
 *
 * <p>Stopping abandons the steps in flight without writing anything, exactly like a crash: their
 * leases expire and another worker takes them over, recording the abandoned attempt. A call that
 * timed out is interrupted and the step keeps its lease until the call has ended (at most one more
 * timeout), so a retry does not overlap it; a participant that ignores the interrupt even longer
 * may finish in the background, which is harmless because deletion is idempotent.
 *
 * <p>Outcomes are recorded by one recording thread: the steps that ended while the last record was
 * committing are recorded together, in one transaction ({@link DeletionStepLeases#completeAll}), so
 * many short steps (small tenants, many jobs at once) share one commit instead of queueing for the
 * audit chain one flush at a time. A step stays held (its lease renewed) until its outcome is
 * recorded. The steps a record queues that are due at once are taken on by this worker in the same
 * transaction, up to its free places (a service's VERIFY after its DELETE, the record after the last
 * verification), and start without a claim of their own; then the worker claims again at once for
 * anything else due.
 */
public class DeletionWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeletionWorker.class);

    private final DeletionStepLeases leases;
    private final StepAttempt attempt;
    private final FailedJobRetries failedJobRetries;
    private final GraceWindows graceWindows;
    private final DeletionMetrics metrics;
    private final OrchestratorProperties properties;
    private final Clock clock;
    private final String owner;
    private final Map<UUID, Running> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<DeletionStepLeases.Completion> finished = new LinkedBlockingQueue<>();
    /** Steps whose outcome is being written now: their lease ends with that write, not lost. */
    private final Set<UUID> recording = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    /** Heartbeats on a thread of their own: no claim, record or scheduled pass can delay them past a lease. */
    private ScheduledExecutorService heartbeats;
    /**
     * The scheduled pass (grace windows, automatic retries) on a thread of its own: it calls the
     * tenant and auth services, and a slow one delays neither claims nor heartbeats.
     */
    private ScheduledExecutorService scheduledPass;
    private ExecutorService stepThreads;
    private ExecutorService callThreads;
    private Thread recorder;

    public DeletionWorker(DeletionStepLeases leases, StepAttempt attempt, FailedJobRetries failedJobRetries,
                   GraceWindows graceWindows, DeletionMetrics metrics, OrchestratorProperties properties,
                   Clock clock) {
        this.leases = leases;
        this.attempt = attempt;
        this.failedJobRetries = failedJobRetries;
        this.graceWindows = graceWindows;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private record Running(LeasedStep step, Future<?> call) {
    }

    /** This worker's name in leases and attempt records. */
    public String owner() {
        return owner;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.workerEnabled()) {
            return;
        }
        running = true;
        AtomicInteger threadNumber = new AtomicInteger();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> thread(task, "deletion-poll"));
        stepThreads = Executors.newFixedThreadPool(properties.parallelism(),
                task -> thread(task, "deletion-step-" + threadNumber.incrementAndGet()));
        callThreads = Executors.newCachedThreadPool(task -> thread(task, "deletion-call-" + threadNumber.incrementAndGet()));
        long poll = properties.pollInterval().toMillis();
        long heartbeat = properties.heartbeatInterval().toMillis();
        recorder = thread(this::recordFinished, "deletion-record");
        recorder.start();
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> thread(task, "deletion-heartbeat"));
        scheduledPass = Executors.newSingleThreadScheduledExecutor(task -> thread(task, "deletion-scheduled-pass"));
        scheduler.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        scheduledPass.scheduleWithFixedDelay(this::retryFailedJobs, poll, poll, TimeUnit.MILLISECONDS);
        log.info("Deletion worker {} started: {} steps at once, {} per call, up to {} attempts, FAILED jobs retried after {}",
                owner, properties.parallelism(), properties.callTimeout(), properties.maxAttempts(),
                properties.failedJobRetryInterval());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdownNow();
        heartbeats.shutdownNow();
        scheduledPass.shutdownNow();
        recorder.interrupt();
        finished.clear();
        callThreads.shutdownNow();
        stepThreads.shutdownNow();
        try {
            stepThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!inFlight.isEmpty()) {
            log.info("Deletion worker {} stopped with {} steps in flight; their leases expire and another worker resumes them",
                    owner, inFlight.size());
        }
        inFlight.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Asks for a poll now, for example after a job was created or retried. */
    public void wake() {
        ScheduledExecutorService current = scheduler;
        if (running && current != null && !current.isShutdown()) {
            try {
                current.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: nothing to do
            }
        }
    }

    private void poll() {
        if (!running) {
            return;
        }
        try {
            endCrashLoops();
            int free = properties.parallelism() - inFlight.size();
            run(leases.claim(owner, free, clock.instant(), properties.leaseDuration()));
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Deletion worker {} could not claim steps: {}", owner, e.getMessage());
            }
        }
    }

    /**
     * Fails the steps whose worker stopped during their last allowed attempt
     * ({@link DeletionStepLeases#abandonedForGood}), recorded as their worker would have recorded a
     * failure: the step FAILED, its job on the failure path, metrics and log lines as for any step
     * that failed for good.
     */
    private void endCrashLoops() {
        Instant now = clock.instant();
        List<DeletionStepLeases.Completion> ended = leases.abandonedForGood(now, 100);
        if (ended.isEmpty()) {
            return;
        }
        List<DeletionStepLeases.JobTransition> transitions = leases.completeAll(ended, now);
        for (int i = 0; i < ended.size(); i++) {
            DeletionStepLeases.Completion completion = ended.get(i);
            DeletionStepLeases.JobTransition transition = transitions.get(i);
            if (transition == DeletionStepLeases.JobTransition.LEASE_LOST) {
                continue; // another worker recorded it first
            }
            LeasedStep step = completion.step();
            metrics.stepFinished(step.service(), step.phase(), completion.outcome().result().name(),
                    completion.duration(), 0);
            withJob(step, () -> report(step, completion.outcome(), completion.duration(), transition, Duration.ZERO));
        }
    }

    /**
     * Starts SCHEDULED jobs whose window ended and puts jobs FAILED for longer than the retry
     * interval back to work, then claims their steps at once.
     */
    private void retryFailedJobs() {
        if (!running) {
            return;
        }
        // Two halves, each on its own: a failure of one (the auth service down) does not skip the other.
        int started = 0;
        try {
            started = graceWindows.startDue();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Deletion worker {} could not start scheduled jobs: {}", owner, e.getMessage());
            }
        }
        int retried = 0;
        try {
            retried = failedJobRetries.retryDue().size();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Deletion worker {} could not retry failed jobs: {}", owner, e.getMessage());
            }
        }
        if (started > 0 || retried > 0) {
            wake();
        }
    }

    private void heartbeat() {
        for (Running held : inFlight.values()) {
            if (recording.contains(held.step().stepId())) {
                continue;
            }
            try {
                if (!leases.heartbeat(held.step(), clock.instant(), properties.leaseDuration())) {
                    withJob(held.step(), () -> log.warn("Job {} subject {}: lease of step {} {} lost; abandoning the call",
                            held.step().jobId(), held.step().subjectId(), held.step().service(), held.step().phase()));
                    if (held.call() != null) {
                        held.call().cancel(true);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Deletion worker {} could not renew a lease: {}", owner, e.getMessage());
            }
        }
    }

    private void execute(LeasedStep step) {
        withJob(step, () -> {
            boolean queued = false;
            try {
                DeletionStepLeases.Completion completion = runAttempt(step);
                if (completion != null && running) {
                    finished.add(completion);
                    queued = true;
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.error("Job {} subject {}: step {} {} could not be recorded; its lease will expire and it runs again",
                            step.jobId(), step.subjectId(), step.service(), step.phase(), e);
                }
            } finally {
                if (!queued) {
                    inFlight.remove(step.stepId());
                    wake();
                }
            }
        });
    }

    /**
     * The recording thread: waits for a finished step, takes every other one that finished
     * meanwhile, records them in one transaction, and claims again.
     */
    private void recordFinished() {
        List<DeletionStepLeases.Completion> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(finished.take());
            } catch (InterruptedException stopping) {
                return;
            }
            finished.drainTo(batch, 99);
            record(batch);
            batch.clear();
        }
    }

    private void record(List<DeletionStepLeases.Completion> batch) {
        List<DeletionStepLeases.JobTransition> transitions;
        batch.forEach(completion -> recording.add(completion.step().stepId()));
        long started = System.nanoTime();
        List<LeasedStep> taken = List.of();
        try {
            // The batch's steps leave with this record: their places go to the steps it queues.
            int free = running ? properties.parallelism() - inFlight.size() + batch.size() : 0;
            DeletionStepLeases.Recorded recorded = leases.completeAll(batch, clock.instant(),
                    new DeletionStepLeases.Taker(owner, Math.max(0, free), properties.leaseDuration()));
            transitions = recorded.transitions();
            taken = recorded.taken();
            log.debug("Deletion worker {} recorded {} step outcomes in {} µs and took on {} steps", owner, batch.size(),
                    (System.nanoTime() - started) / 1000, taken.size());
        } catch (RuntimeException together) {
            // One at a time, so one step that cannot be recorded does not hold back the others; a
            // step alone whose record failed is left to its lease and runs again, as before batching.
            transitions = new ArrayList<>();
            for (DeletionStepLeases.Completion completion : batch) {
                if (batch.size() == 1) {
                    transitions.add(null);
                    LeasedStep step = completion.step();
                    if (running) {
                        withJob(step, () -> log.error("Job {} subject {}: step {} {} could not be recorded; its lease will"
                                + " expire and it runs again", step.jobId(), step.subjectId(), step.service(), step.phase(),
                                together));
                    }
                    continue;
                }
                LeasedStep step = completion.step();
                try {
                    transitions.add(leases.complete(step, completion.outcome(), completion.duration(),
                            completion.retryDelay(), clock.instant()));
                } catch (RuntimeException e) {
                    transitions.add(null);
                    if (running) {
                        withJob(step, () -> log.error("Job {} subject {}: step {} {} could not be recorded; its lease will"
                                + " expire and it runs again", step.jobId(), step.subjectId(), step.service(), step.phase(), e));
                    }
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            DeletionStepLeases.Completion completion = batch.get(i);
            DeletionStepLeases.JobTransition transition = transitions.get(i);
            LeasedStep step = completion.step();
            inFlight.remove(step.stepId());
            recording.remove(step.stepId());
            if (transition != null) {
                AttemptOutcome outcome = completion.outcome();
                metrics.stepFinished(step.service(), step.phase(), outcome.result().name(), completion.duration(),
                        outcome.succeeded() ? outcome.deleted() : 0);
                withJob(step, () -> report(step, outcome, completion.duration(), transition, completion.retryDelay()));
            }
        }
        run(taken);
        wake();
    }

    /** Runs steps this worker holds the leases of (claimed, or taken on when the step before was recorded). */
    private void run(List<LeasedStep> steps) {
        for (LeasedStep step : steps) {
            inFlight.put(step.stepId(), new Running(step, null));
            try {
                stepThreads.execute(() -> execute(step));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // Stopping: the step is left to its lease, as a crash would leave it.
                inFlight.remove(step.stepId());
            }
        }
    }

    /** Runs one attempt; answers its outcome to record, or null when there is nothing to record. */
    private DeletionStepLeases.Completion runAttempt(LeasedStep step) {
        log.info("Job {} subject {}: step {} {} attempt {} of {} started by {}", step.jobId(), step.subjectId(),
                step.service(), step.phase(), step.attempt(), step.attemptLimit(), owner);
        Instant started = clock.instant();
        Map<String, String> context = MDC.getCopyOfContextMap();
        CountDownLatch callEnded = new CountDownLatch(1);
        Future<AttemptOutcome> call;
        try {
            call = callThreads.submit(() -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    return attempt.run(step);
                } finally {
                    MDC.clear();
                    callEnded.countDown();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return null;
        }
        inFlight.put(step.stepId(), new Running(step, call));
        AttemptOutcome outcome;
        try {
            outcome = call.get(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (outcome.waitingForOther()) {
                // Waiting for another job (a user job's tenant deletion): no attempt is used up.
                if (running && leases.defer(step, outcome.error(), properties.pollInterval().multipliedBy(2), clock.instant())) {
                    log.info("Job {} subject {}: step {} {} {}", step.jobId(), step.subjectId(), step.service(),
                            step.phase(), outcome.error());
                }
                return null;
            }
        } catch (TimeoutException e) {
            // Hold the lease (the heartbeat keeps running) until the cancelled call has really
            // ended, so a retry never overlaps it; give up waiting after one more timeout.
            call.cancel(true);
            boolean ended;
            try {
                ended = callEnded.await(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return null;
            }
            outcome = AttemptOutcome.timedOut(step.service() + ": no answer within "
                    + properties.callTimeout() + (ended ? "" : "; the call did not stop when cancelled"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            outcome = AttemptOutcome.failed(step.service() + ": " + reason, true);
        } catch (CancellationException e) {
            outcome = AttemptOutcome.failed(step.service() + ": lease lost", true);
        } catch (InterruptedException e) {
            // The worker is stopping: leave the step to its lease, as a crash would.
            Thread.currentThread().interrupt();
            return null;
        }
        if (!running) {
            return null;
        }
        Duration took = Duration.between(started, clock.instant());
        Duration duration = took.isNegative() ? Duration.ZERO : took;
        Duration retryDelay = properties.backoff().after(step.attempt(), ThreadLocalRandom.current()::nextDouble);
        return new DeletionStepLeases.Completion(step, outcome, duration, retryDelay);
    }

    private void report(LeasedStep step, AttemptOutcome outcome, Duration duration,
                        DeletionStepLeases.JobTransition transition, Duration retryDelay) {
        if (transition == DeletionStepLeases.JobTransition.LEASE_LOST) {
            log.warn("Job {} subject {}: step {} {} attempt {} finished after its lease was taken over; result discarded",
                    step.jobId(), step.subjectId(), step.service(), step.phase(), step.attempt());
            return;
        }
        if (outcome.succeeded()) {
            log.info("Job {} subject {}: step {} {} succeeded on attempt {} in {} ms, {} rows deleted", step.jobId(),
                    step.subjectId(), step.service(), step.phase(), step.attempt(), duration.toMillis(), outcome.deleted());
        } else if (outcome.retryable() && step.attempt() < step.attemptLimit()) {
            log.warn("Job {} subject {}: step {} {} attempt {} {} ({}); retrying in {} ms", step.jobId(), step.subjectId(),
                    step.service(), step.phase(), step.attempt(), outcome.result(), outcome.error(), retryDelay.toMillis());
        } else {
            log.error("Job {} subject {}: step {} {} failed for good after attempt {}: {}", step.jobId(), step.subjectId(),
                    step.service(), step.phase(), step.attempt(), outcome.error());
        }
        switch (transition) {
            case COMPLETED -> {
                metrics.jobCompleted();
                log.info("Job {} subject {}: completed", step.jobId(), step.subjectId());
            }
            case FAILED -> {
                metrics.jobFailed();
                log.error("Job {} subject {}: failed; the subject stays marked for deletion until the job is retried",
                        step.jobId(), step.subjectId());
            }
            case NEXT_STEPS -> log.info("Job {} subject {}: step {} {} succeeded; next steps queued",
                    step.jobId(), step.subjectId(), step.service(), step.phase());
            default -> { }
        }
    }

    private static void withJob(LeasedStep step, Runnable action) {
        String subjectKey = step.kind() == JobKind.TENANT ? "tenant_id" : "user_id";
        try (var job = MDC.putCloseable("job_id", step.jobId().toString());
             var subject = MDC.putCloseable(subjectKey, step.subjectId().toString())) {
            action.run();
        }
    }

    private static Thread thread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}

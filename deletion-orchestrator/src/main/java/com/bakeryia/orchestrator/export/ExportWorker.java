package com.bakeryia.orchestrator.export;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Builds queued exports, one at a time per process: every {@code poll-interval} it claims the
 * oldest due export (queued, or running under a lease that ran out) and builds it
 * ({@link ExportArchiver}); a failed attempt queues the export again until its attempts are spent.
 * Its lease is extended every {@code heartbeat-interval} on a thread of its own, so a long table
 * never lets it lapse while the worker lives. Stopping writes nothing (like a crash): the lease
 * runs out and another worker takes the export over where the last recorded table left it. Each
 * poll also expires the READY exports whose link ran out ({@link #expireOnce}), deleting their files.
 */
public class ExportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

    private final DataExportStore store;
    private final ExportArchiver archiver;
    private final ExportProperties properties;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/exports/" + UUID.randomUUID();
    private final Set<DataExportStore.Lease> held = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;
    private volatile ScheduledExecutorService heartbeats;

    public ExportWorker(DataExportStore store, ExportArchiver archiver, ExportProperties properties) {
        this.store = store;
        this.archiver = archiver;
        this.properties = properties;
    }

    /**
     * Claims and builds at most one due export on the calling thread; answers whether one was found.
     * The poll thread calls it; so may a test.
     */
    public boolean runOnce() {
        Optional<DataExportStore.Lease> claimed = store.claim(owner, properties.leaseDuration());
        if (claimed.isEmpty()) {
            return false;
        }
        DataExportStore.Lease lease = claimed.get();
        if (lease.attempts() > lease.attemptLimit()) {
            store.attemptFailed(lease, "gave up after " + lease.attemptLimit() + " attempts");
            archiver.discardWork(lease.exportId());
            return true;
        }
        held.add(lease);
        try {
            archiver.build(lease);
            log.info("Export {} of {} {} is READY", lease.exportId(), lease.kind(), lease.subjectId());
        } catch (DataExportStore.LeaseLostException e) {
            log.warn("Export {}: {}; another worker builds it", lease.exportId(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Export {}: attempt {} of {} failed: {}", lease.exportId(), lease.attempts(), lease.attemptLimit(),
                    e.toString());
            if (store.attemptFailed(lease, e.getMessage() == null ? e.toString() : e.getMessage())) {
                archiver.discardWork(lease.exportId());
            }
        } finally {
            held.remove(lease);
        }
        return true;
    }

    /**
     * Marks EXPIRED every READY export whose link ran out and deletes its archive; answers how many.
     * Every poll runs it, before claiming.
     */
    public int expireOnce() {
        List<String> files = store.expire();
        files.forEach(archiver::deleteArchive);
        if (!files.isEmpty()) {
            log.info("{} export(s) expired; their archives are deleted", files.size());
        }
        return files.size();
    }

    /**
     * Deletes the exports (rows, archives, work files) of every tenant or person whose deletion
     * completed, and tombstones an erased requester; answers how many exports went. Every poll runs it.
     */
    public int forgetErasedOnce() {
        List<DataExportStore.Forgotten> forgotten = store.forgetErased();
        forgotten.forEach(export -> {
            archiver.deleteArchive(export.fileName());
            archiver.discardWork(export.exportId());
        });
        return forgotten.size();
    }

    private void poll() {
        try {
            forgetErasedOnce();
            expireOnce();
            while (runOnce()) {
                // Build whatever is due before sleeping.
            }
        } catch (RuntimeException e) {
            log.warn("Export poll failed: {}", e.toString());
        }
    }

    private void heartbeat() {
        for (DataExportStore.Lease lease : held) {
            try {
                if (!store.heartbeat(lease, properties.leaseDuration())) {
                    log.warn("Export {}: lease lost before the heartbeat", lease.exportId());
                }
            } catch (RuntimeException e) {
                log.warn("Export {}: heartbeat failed: {}", lease.exportId(), e.toString());
            }
        }
    }

    @Override
    public void start() {
        if (!properties.workerEnabled()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "export-worker"));
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "export-heartbeat"));
        long poll = properties.pollInterval().toMillis();
        long beat = properties.heartbeatInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            heartbeats.shutdownNow();
            poller = null;
            heartbeats = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}

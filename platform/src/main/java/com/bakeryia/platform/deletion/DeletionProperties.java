package com.bakeryia.platform.deletion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Engine settings under {@code bakery.deletion.*}. Each chunk statement commits on its own, so no
 * statement locks an unbounded set of rows; its size follows how long the statements of its table
 * take, so a statement stays short whatever a row costs there (foreign-key checks of a parent,
 * wide rows, a busy disk) and cheap rows go in few statements.
 *
 * @param batchSize      the most rows a tenant may have in each table to be deleted in one statement
 *                       per service; the first chunk of a larger tenant's table takes a tenth of it
 *                       when this process has not deleted from that table yet (later ones are sized
 *                       by time, from the statement's own time, not its wait at the gate); the fixed
 *                       size of every statement when {@code chunkTarget} is 0; default 1000
 * @param maxBatchSize   the most rows one statement may delete or anonymise; default 50000
 * @param chunkTarget    how long one chunk statement should take: the next chunk of a table is sized
 *                       from the rows per second of the one before (it may grow at most twofold per
 *                       chunk, shrink at once), so with the default 100 ms a statement stays well
 *                       below a quarter of a second; 0 turns sizing by time off
 * @param concurrentChunks how many chunk statements of large deletions (every chunk of a tenant
 *                       too large for one statement; a table's chunks after its first for a user)
 *                       run at once in this process, across every service ({@link ChunkGate});
 *                       default 2; 0: no limit
 */
@ConfigurationProperties("bakery.deletion")
public record DeletionProperties(int batchSize, int maxBatchSize, Duration chunkTarget, int concurrentChunks) {

    @ConstructorBinding
    public DeletionProperties(@DefaultValue("1000") int batchSize, @DefaultValue("50000") int maxBatchSize,
                              @DefaultValue("100ms") Duration chunkTarget, @DefaultValue("2") int concurrentChunks) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("bakery.deletion.batch-size must be at least 1, was " + batchSize);
        }
        if (maxBatchSize < batchSize) {
            throw new IllegalArgumentException("bakery.deletion.max-batch-size must be at least the batch-size ("
                    + batchSize + "), was " + maxBatchSize);
        }
        if (chunkTarget == null || chunkTarget.isNegative()) {
            throw new IllegalArgumentException("bakery.deletion.chunk-target must not be negative");
        }
        if (concurrentChunks < 0) {
            throw new IllegalArgumentException("bakery.deletion.concurrent-chunks must be 0 (no limit) or more, was "
                    + concurrentChunks);
        }
        this.batchSize = batchSize;
        this.maxBatchSize = maxBatchSize;
        this.chunkTarget = chunkTarget;
        this.concurrentChunks = concurrentChunks;
    }

    /** Fixed chunks of {@code batchSize} rows, not sized by time, not gated. */
    public DeletionProperties(int batchSize) {
        this(batchSize, batchSize, Duration.ZERO, 0);
    }

    /** How chunks are sized by these settings. */
    public ChunkSizing chunkSizing() {
        return new ChunkSizing(batchSize, maxBatchSize, chunkTarget);
    }
}

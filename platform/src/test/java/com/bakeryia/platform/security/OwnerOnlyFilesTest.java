package com.bakeryia.platform.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerOnlyFilesTest {

    private static final int CREATORS = 8;

    @TempDir
    Path directory;

    @Test
    void concurrentCreatorsAllEndUpWithTheContentOfTheOneThatPublishedFirst() throws Exception {
        Path file = directory.resolve("keys").resolve("secret");
        var barrier = new CyclicBarrier(CREATORS);
        var counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CREATORS);
        try {
            List<Future<OwnerOnlyFiles.Created>> results = new ArrayList<>();
            for (int i = 0; i < CREATORS; i++) {
                results.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    // Every creator proposes different content, so disagreement would show.
                    return OwnerOnlyFiles.readOrCreate(file, () -> "content-" + counter.incrementAndGet());
                }));
            }
            List<OwnerOnlyFiles.Created> read = new ArrayList<>();
            for (Future<OwnerOnlyFiles.Created> result : results) {
                read.add(result.get(30, TimeUnit.SECONDS));
            }

            String onDisk = Files.readString(file);
            assertThat(read).extracting(OwnerOnlyFiles.Created::content).containsOnly(onDisk);
            assertThat(read).filteredOn(OwnerOnlyFiles.Created::created).hasSize(1);
            assertThat(onDisk).startsWith("content-");
            try (var left = Files.list(file.getParent())) {
                assertThat(left).as("no temporary files left behind").containsExactly(file);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExistingFileIsNeverReplaced() throws Exception {
        Path file = directory.resolve("secret");
        Files.writeString(file, "first");

        assertThat(OwnerOnlyFiles.publish(file, "second")).isFalse();
        assertThat(OwnerOnlyFiles.readOrCreate(file, () -> "third")).isEqualTo(new OwnerOnlyFiles.Created("first", false));
    }

    @Test
    void aCreatedFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = directory.resolve("secret");

        OwnerOnlyFiles.readOrCreate(file, () -> "s3cret");

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}

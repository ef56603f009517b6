package com.bakeryia.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Secret files that several processes may create at the same moment: whoever publishes first
 * wins, and everyone then uses what is on disk. Contents are written to a temporary file (readable
 * by the owner only) and published with {@link Files#createLink}, which fails if the target exists
 * and never replaces it; a move into place would silently replace a file another process has just
 * created and is already using.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * The content of {@code file}, which is created with {@code content} if it does not exist.
     * Always returns what is on disk after publishing, so concurrent creators agree.
     *
     * @return true in {@link Created#created()} when this call published the file
     */
    public static Created readOrCreate(Path file, Supplier<String> content) {
        try {
            boolean created = !Files.exists(file) && publish(file, content.get());
            return new Created(Files.readString(file, StandardCharsets.UTF_8), created);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes {@code content} as {@code file} unless it exists.
     *
     * @return whether this call created the file (false: another process was first)
     */
    public static boolean publish(Path file, String content) throws IOException {
        Path temporary = writeTemporary(file, content);
        try {
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            // A file system without hard links: a move without REPLACE_EXISTING still never replaces.
            try {
                Files.move(temporary, file);
                return true;
            } catch (FileAlreadyExistsException raced) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code content} next to {@code file} in a new owner-only temporary file. */
    public static Path writeTemporary(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: keep the default permissions.
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        return temporary;
    }

    /**
     * @param content what the file holds
     * @param created whether this call created it
     */
    public record Created(String content, boolean created) {
    }

    /**
     * Replaces an existing {@code file} atomically with {@code content} (owner-readable only).
     * Only for a caller that holds the file's lock: unlike {@link #publish}, it overwrites.
     */
    public static void replace(Path file, String content) throws IOException {
        Path temporary = writeTemporary(file, content);
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

package dev.shadowheap.agent.instrument;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * New files in the temporary directory for the agent's start-up, readable and writable by this user only, and the
 * unique names they and the rewrite cache's half-written files get.
 *
 * <p>Not {@code Files.createTempFile}: it names files with a {@code SecureRandom}, whose seeding (security providers,
 * entropy) took 30-60 ms of every start-up, and it starts JDK machinery the program might never start itself. A name
 * from the clock and an identity hash is as safe: the file is created exclusively, so it is never an existing file or
 * a link someone planted under that name; if the name is taken, {@code createTempFile} still serves.
 */
public final class TemporaryFiles {

    private TemporaryFiles() {
    }

    public static Path create(String prefix, String suffix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix, suffix);
    }

    static Path create(Path directory, String prefix, String suffix) throws IOException {
        Path file = directory.resolve(uniqueName(prefix + "-", suffix));
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.createFile(file);
        } catch (FileAlreadyExistsException taken) {
            return Files.createTempFile(prefix, suffix);
        }
    }

    /**
     * A name no other writer picks at the same time (the clock, and the identity hash of a fresh object); whoever
     * creates the file must still create it exclusively, which refuses the rare clash.
     */
    static String uniqueName(String prefix, String suffix) {
        return prefix + Long.toHexString(System.nanoTime()) + "-"
                + Integer.toHexString(System.identityHashCode(new Object())) + suffix;
    }

    /**
     * Deletes this user's files made by {@link #create} (or its fallback) with this prefix and suffix, last modified longer than
     * {@code age} ago: those of JVMs that were killed, whose exit never deleted them. A JVM still running that long
     * has its file open, which on POSIX systems keeps it readable; elsewhere the deletion fails and is skipped.
     * Returns how many were deleted.
     */
    public static int removeOlderThan(String prefix, String suffix, Duration age) {
        return removeOlderThan(Path.of(System.getProperty("java.io.tmpdir")), prefix, suffix, age);
    }

    static int removeOlderThan(Path directory, String prefix, String suffix, Duration age) {
        long oldest = System.currentTimeMillis() - age.toMillis();
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*" + suffix)) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() < oldest
                            && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException | SecurityException notOurs) {
                    // another user's, or gone meanwhile: left alone
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // no listing: nothing removed
        }
        return removed;
    }
}

package dev.shadowheap.agent;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * New files in the temporary directory for the agent's start-up, readable and writable by this user only.
 *
 * <p>Not {@code Files.createTempFile}: it names files with a {@code SecureRandom}, whose seeding (security providers,
 * entropy) took 30-60 ms of every start-up, and it starts JDK machinery the program might never start itself. A name
 * from the clock and an identity hash is as safe: the file is created exclusively, so it is never an existing file or
 * a link someone planted under that name; if the name is taken, {@code createTempFile} still serves.
 */
final class TemporaryFiles {

    private TemporaryFiles() {
    }

    static Path create(String prefix, String suffix) throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        Path file = directory.resolve(prefix + "-" + Long.toHexString(System.nanoTime()) + "-"
                + Integer.toHexString(System.identityHashCode(new Object())) + suffix);
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
}

package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a killed JVM left behind are removed once old; fresh ones, and other files, are kept. */
class TemporaryFilesTest {

    @Test
    void removesOnlyOldFilesOfThePrefixAndSuffix(@TempDir Path directory) throws Exception {
        Path old = TemporaryFiles.create(directory, "shadowheap-hooks", ".jar");
        Path oldFallbackName = Files.createFile(directory.resolve("shadowheap-hooks1234567.jar"));
        Path fresh = TemporaryFiles.create(directory, "shadowheap-hooks", ".jar");
        Path otherSuffix = Files.createFile(directory.resolve("shadowheap-hooks-1.txt"));
        Path otherPrefix = Files.createFile(directory.resolve("another-1.jar"));
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (Path file : new Path[] {old, oldFallbackName, otherSuffix, otherPrefix}) {
            Files.setLastModifiedTime(file, twoDaysAgo);
        }

        assertEquals(2, TemporaryFiles.removeOlderThan(directory, "shadowheap-hooks", ".jar", Duration.ofDays(1)));

        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldFallbackName));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(otherSuffix));
        assertTrue(Files.exists(otherPrefix));
    }

    @Test
    void aMissingDirectoryRemovesNothing(@TempDir Path directory) {
        assertEquals(0, TemporaryFiles.removeOlderThan(directory.resolve("absent"), "x", ".jar", Duration.ZERO));
    }
}

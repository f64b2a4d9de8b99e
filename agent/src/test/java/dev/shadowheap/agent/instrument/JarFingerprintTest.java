package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarFingerprintTest {

    @TempDir
    Path dir;

    private Path jar(String name, String secondEntryContent, String comment) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String[] entry : new String[][] {{"a/First.class", "first entry"}, {"a/Second.class", secondEntryContent}}) {
                JarEntry jarEntry = new JarEntry(entry[0]);
                jarEntry.setLastModifiedTime(FileTime.fromMillis(0));
                out.putNextEntry(jarEntry);
                out.write(entry[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            if (comment != null) {
                out.setComment(comment);
            }
        }
        return jar;
    }

    @Test
    void aChangeInOneEntrysContentChangesTheFingerprintEvenAtTheSameSize() throws IOException {
        String one = JarFingerprint.of(jar("one.jar", "second entry, build 1", null));
        String two = JarFingerprint.of(jar("two.jar", "second entry, build 2", null));
        assertTrue(one.startsWith("directory "), one);
        assertEquals(Files.size(dir.resolve("one.jar")), Files.size(dir.resolve("two.jar")));
        assertNotEquals(one, two);
        assertEquals(one, JarFingerprint.of(jar("again.jar", "second entry, build 1", null)), "same bytes, same print");
    }

    @Test
    void theDirectoryIsFoundBehindACommentThatLooksLikeAnEndRecord() throws IOException {
        String decoy = new String(new byte[] {0x50, 0x4b, 0x05, 0x06}, StandardCharsets.ISO_8859_1) + " not the end";
        String print = JarFingerprint.of(jar("commented.jar", "second entry", decoy));
        assertTrue(print.startsWith("directory "), print);
        assertNotEquals(print, JarFingerprint.of(jar("other.jar", "second entry!", decoy)));
    }

    @Test
    void aFileThatIsNoZipIsFingerprintedWhole() throws IOException {
        Path notZip = Files.write(dir.resolve("broken.jar"), "not a zip at all".getBytes(StandardCharsets.UTF_8));
        String print = JarFingerprint.of(notZip);
        assertTrue(print.startsWith("content "), print);
        Files.write(notZip, "not a zip at all!".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(print, JarFingerprint.of(notZip));
    }
}

package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewrite cache as the transformer uses it, run after run on one directory: each {@link Run} is a JVM's worth of
 * state (a fresh id numbering, a cache opened on the directory, a transformer).
 */
class RewriteCacheTest {

    private static final String IDENTITY = "agent test\njdk test";
    private static final String NODE = "programs/DoublyLinkedCycle$Node";
    private static final String CYCLE = "programs/DoublyLinkedCycle";
    private static final String LIST = "programs/LinkedListDrop";

    @TempDir
    Path dir;

    @Test
    void classesRewrittenInOneRunComeFromTheCacheInTheNextInAnyOrder() throws IOException {
        Run first = new Run();
        byte[] node = first.transform(NODE);
        byte[] cycle = first.transform(CYCLE);
        first.cache.save();
        assertEquals(0, first.cache.hits());
        assertEquals(2, first.cache.rewrittenFresh());

        Run second = new Run();
        assertArrayEquals(cycle, second.transform(CYCLE));
        assertArrayEquals(node, second.transform(NODE));
        assertEquals(2, second.cache.hits(), second.cache.summary());
        assertEquals(0, second.cache.rewrittenFresh());
        assertEquals(List.of("programs.DoublyLinkedCycle", "programs.DoublyLinkedCycle$Node"), second.rewritten,
                "a hit is told to the listener as a rewrite is");
        assertEquals(first.numbering.sites, second.numbering.sites, "the replayed log numbers every site as before");
        assertEquals(first.numbering.fields, second.numbering.fields);
    }

    @Test
    void aClassRewrittenAfterReplayGetsTheIdsItWouldHaveGotWithoutTheCache() throws IOException {
        Run first = new Run();
        first.transform(NODE);
        first.transform(CYCLE);
        first.cache.save();
        Run uncached = new Run(RewriteCache.off());
        uncached.transform(NODE);
        uncached.transform(CYCLE);
        byte[] expected = uncached.transform(LIST);

        Run second = new Run();
        second.transform(NODE);
        assertArrayEquals(expected, second.transform(LIST), "fresh ids continue after the replayed ones");
        assertEquals(1, second.cache.rewrittenFresh());
        second.cache.save();

        Run third = new Run();
        assertArrayEquals(expected, third.transform(LIST));
        assertEquals(1, third.cache.hits(), "what the second run rewrote was added: " + third.cache.summary());
    }

    @Test
    void otherOriginalBytesUnderTheSameNameMiss() throws IOException {
        Run first = new Run();
        first.transform(NODE);
        first.cache.save();

        Run second = new Run();
        second.transform(NODE, classFile(LIST)); // same name, other bytes: another version of the class
        assertEquals(0, second.cache.hits());
        assertEquals(1, second.cache.rewrittenFresh());
        second.cache.save();

        Run third = new Run();
        third.transform(NODE);
        third.transform(NODE, classFile(LIST));
        assertEquals(2, third.cache.hits(), "both versions are kept: " + third.cache.summary());
    }

    @Test
    void aTruncatedFileIsIgnoredWithItsReasonAndReplacedByTheNextSave() throws IOException {
        byte[] node = cacheNodeAndCycle();
        Path file = cacheFile();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        Run second = new Run();
        assertArrayEquals(node, second.transform(NODE), "rewritten fresh, with the same ids");
        assertEquals(0, second.cache.hits());
        assertTrue(second.cache.summary().contains("ignored " + file + ": truncated"), second.cache.summary());
        second.cache.save();

        Run third = new Run();
        third.transform(NODE);
        assertEquals(1, third.cache.hits(), third.cache.summary());
    }

    @Test
    void aDamagedIndexIsIgnored() throws IOException {
        cacheNodeAndCycle();
        int indexStart = (int) CacheFile.headerLength(IDENTITY.length());
        flipByte(indexStart + 10);
        Run second = new Run();
        second.transform(NODE);
        assertEquals(0, second.cache.hits());
        assertTrue(second.cache.summary().contains("damaged index"), second.cache.summary());
    }

    @Test
    void aDamagedEntryIsRewrittenFreshAndCounted() throws IOException {
        byte[] node = cacheNodeAndCycle();
        flipByte((int) Files.size(cacheFile()) - 3); // inside the last class's bytes
        Run second = new Run();
        byte[] first = second.transform(NODE);
        byte[] cycle = second.transform(CYCLE);
        assertArrayEquals(node, first);
        assertNotNull(cycle);
        assertEquals(1, second.cache.hits());
        assertEquals(1, second.cache.rewrittenFresh());
        assertTrue(second.cache.summary().contains("1 damaged entries"), second.cache.summary());
    }

    @Test
    void garbageAndOtherIdentitiesAreIgnored() throws IOException {
        cacheNodeAndCycle();
        Path file = cacheFile();
        Path foreign = dir.resolve(RewriteCache.fileName("another build"));
        Files.copy(file, foreign);
        RewriteCache other = RewriteCache.open(dir, "another build", RewriteCache.DEFAULT_MAX_BYTES);
        assertTrue(other.summary().contains("written for another agent build, JDK or application"), other.summary());

        Files.write(file, "not a cache at all, just text".getBytes());
        Run garbage = new Run();
        garbage.transform(NODE);
        assertTrue(garbage.cache.summary().contains("not a rewrite cache file"), garbage.cache.summary());
        Files.write(file, new byte[0]);
        assertTrue(new Run().cache.summary().contains("not a rewrite cache file"));
    }

    @Test
    void aLogThatReplaysToOtherIdsLeavesTheCacheUnusedAndIsReplaced() throws IOException {
        Run first = new Run();
        byte[] cycle = first.transform(CYCLE);
        first.cache.save();

        Run second = new Run(shiftedNumbering());
        byte[] rewritten = second.transform(CYCLE);
        assertEquals(0, second.cache.hits());
        assertTrue(second.cache.summary().contains("not used this run: its ids differ"), second.cache.summary());
        assertTrue(!java.util.Arrays.equals(cycle, rewritten), "the cached bytes name other ids than this run's");
        second.cache.save();

        Run third = new Run(shiftedNumbering());
        assertArrayEquals(rewritten, third.transform(CYCLE));
        assertEquals(1, third.cache.hits(), "the file the second run wrote replays: " + third.cache.summary());
    }

    /** A numbering in which something registered before the replay. */
    private static Numbering shiftedNumbering() {
        Numbering shifted = new Numbering();
        shifted.site("registered before the replay");
        shifted.fieldRef("programs/Other", "registered before the replay", false);
        return shifted;
    }

    @Test
    void idsRegisteredOutsideTheRewritingPreventSaving() throws IOException {
        Run first = new Run();
        first.transform(CYCLE);
        first.numbering.site("a site no recorded registration named");
        first.transform(LIST);
        first.cache.save();
        assertTrue(first.cache.summary().contains("registered outside the rewriting"), first.cache.summary());
        assertTrue(!Files.exists(cacheFile()));
    }

    @Test
    void theSizeCapLeavesClassesOut() throws IOException {
        cacheNodeAndCycle();
        long cap = Files.size(cacheFile()) - 1; // the log and the first class fit, the second does not
        Files.delete(cacheFile());

        Run capped = new Run(new Numbering(), cap);
        capped.transform(NODE);
        capped.transform(CYCLE);
        capped.cache.save();
        assertTrue(Files.size(cacheFile()) <= cap);
        assertTrue(capped.cache.summary().contains("1 classes left out at the cap"), capped.cache.summary());

        Run next = new Run(new Numbering(), cap);
        next.transform(NODE);
        next.transform(CYCLE);
        assertEquals(1, next.cache.hits());
        assertEquals(1, next.cache.rewrittenFresh());
    }

    @Test
    void aLogPastTheCapRemovesTheFile() throws IOException {
        cacheNodeAndCycle();
        Run tiny = new Run(new Numbering(), 200);
        tiny.transform(LIST);
        tiny.cache.save();
        assertTrue(tiny.cache.summary().contains("not saved, file removed: the id log alone"), tiny.cache.summary());
        assertTrue(!Files.exists(cacheFile()));
    }

    @Test
    void offRewritesEverythingAndSaysSo() throws IOException {
        Run off = new Run(RewriteCache.off());
        assertNotNull(off.transform(NODE));
        off.cache.save();
        assertEquals("off", off.cache.summary());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        RewriteCache cache = RewriteCache.open(shared, IDENTITY, RewriteCache.DEFAULT_MAX_BYTES);
        assertTrue(cache.summary().startsWith("off (" + shared + " is not private to"), cache.summary());
        RewriteCache created = RewriteCache.open(dir.resolve("new/cache"), IDENTITY, RewriteCache.DEFAULT_MAX_BYTES);
        assertTrue(created.enabled(), created.summary());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("new/cache"))));
    }

    @Test
    void filesNoRunUsedForAWeekAndDeadWritersTemporariesAreRemoved() throws IOException {
        Path oldBuild = Files.write(dir.resolve(RewriteCache.fileName("an old agent build")), new byte[10]);
        Path recentBuild = Files.write(dir.resolve(RewriteCache.fileName("a recent agent build")), new byte[10]);
        Path deadWriter = Files.write(dir.resolve(RewriteCache.fileName(IDENTITY) + ".1234.5678.tmp"), new byte[10]);
        Path unrelated = Files.write(dir.resolve("notes.txt"), new byte[10]);
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(oldBuild, java.nio.file.attribute.FileTime.fromMillis(now - 8L * 86_400_000));
        Files.setLastModifiedTime(recentBuild, java.nio.file.attribute.FileTime.fromMillis(now - 6L * 86_400_000));
        Files.setLastModifiedTime(deadWriter, java.nio.file.attribute.FileTime.fromMillis(now - 2L * 3_600_000));
        Files.setLastModifiedTime(unrelated, java.nio.file.attribute.FileTime.fromMillis(now - 30L * 86_400_000));
        cacheNodeAndCycle();
        assertTrue(!Files.exists(oldBuild) && !Files.exists(deadWriter));
        assertTrue(Files.exists(recentBuild) && Files.exists(unrelated) && Files.exists(cacheFile()));

        Files.setLastModifiedTime(cacheFile(), java.nio.file.attribute.FileTime.fromMillis(now - 6L * 86_400_000));
        Run user = new Run();
        user.transform(NODE);
        user.cache.save();
        assertTrue(Files.getLastModifiedTime(cacheFile()).toMillis() > now - 60_000, "a run that used it touched it");
    }

    @Test
    void theDirectoryIsTidiedAtMostOnceAnHour() throws IOException {
        cacheNodeAndCycle(); // tidies, and dates the marker
        Path oldBuild = Files.write(dir.resolve(RewriteCache.fileName("an old agent build")), new byte[10]);
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(oldBuild, java.nio.file.attribute.FileTime.fromMillis(now - 8L * 86_400_000));

        Run second = new Run();
        second.transform(NODE);
        second.cache.save();
        assertTrue(Files.exists(oldBuild), "tidied again within the hour");

        Files.setLastModifiedTime(dir.resolve(RewriteCache.TIDIED_MARKER),
                java.nio.file.attribute.FileTime.fromMillis(now - 2L * 3_600_000));
        Run third = new Run();
        third.transform(NODE);
        third.cache.save();
        assertTrue(!Files.exists(oldBuild), "not tidied once the hour had passed");
    }

    /** Caches two classes; returns the first's rewritten bytes. */
    private byte[] cacheNodeAndCycle() throws IOException {
        Run first = new Run();
        byte[] node = first.transform(NODE);
        first.transform(CYCLE);
        first.cache.save();
        assertTrue(Files.isRegularFile(cacheFile()), first.cache.summary());
        return node;
    }

    private Path cacheFile() {
        return dir.resolve(RewriteCache.fileName(IDENTITY));
    }

    private void flipByte(int position) throws IOException {
        byte[] bytes = Files.readAllBytes(cacheFile());
        bytes[position] ^= 0x5A;
        Files.write(cacheFile(), bytes);
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = RewriteCacheTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName);
            return in.readAllBytes();
        }
    }

    /** One JVM's worth: its numbering, its cache, its transformer. */
    private final class Run implements RewriteListener {
        final Numbering numbering;
        final RewriteCache cache;
        final HeapTransformer transformer;
        final List<String> rewritten = new ArrayList<>();

        Run() {
            this(new Numbering());
        }

        Run(Numbering numbering) {
            this(numbering, RewriteCache.DEFAULT_MAX_BYTES);
        }

        Run(Numbering numbering, long maxBytes) {
            this(numbering, RewriteCache.open(dir, IDENTITY, maxBytes));
        }

        Run(RewriteCache cache) {
            this(new Numbering(), cache);
        }

        private Run(Numbering numbering, RewriteCache cache) {
            this.numbering = numbering;
            this.cache = cache;
            this.transformer = new HeapTransformer(new InstrumentationScope(), cache.bind(numbering), this, cache, true,
                    TrackedAllocations.ALL);
        }

        byte[] transform(String internalName) throws IOException {
            return transform(internalName, classFile(internalName));
        }

        byte[] transform(String internalName, byte[] original) {
            byte[] result = transformer.transform(null, RewriteCacheTest.class.getClassLoader(), internalName, null,
                    null, original);
            assertNotNull(result, internalName);
            return result;
        }

        @Override
        public void rewritten(String className, ClassLoader loader) {
            rewritten.add(className);
        }

        @Override
        public void failed(String className, Throwable error) {
            throw new AssertionError(className, error);
        }
    }

    /** Numbers as the agent's tables do: sites from 1 (0 is unknown), field references from 0, each name once. */
    static final class Numbering implements InstrumentationIds {
        final Map<String, Integer> sites = new HashMap<>();
        final Map<String, Integer> fields = new HashMap<>();

        @Override
        public synchronized int site(String site) {
            return sites.computeIfAbsent(site, s -> sites.size() + 1);
        }

        @Override
        public synchronized int fieldRef(String ownerInternalName, String fieldName, boolean isStatic) {
            return fields.computeIfAbsent(ownerInternalName + "." + fieldName + isStatic, f -> fields.size());
        }
    }
}

package dev.shadowheap.agent.instrument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rewritten class files kept across runs, so that a class whose original bytes were rewritten before is not run
 * through ASM again (in a cold JVM that pass runs interpreted and dominates start-up and class loading).
 *
 * <p>Rewritten bytes embed allocation-site and field-reference ids that are handed out in registration order, so
 * the cache also keeps the registration log ({@link IdLog}). {@link #bind} replays the whole log before the first
 * class is transformed; only if every replayed registration gets its recorded id are the cached classes used, in
 * any order, and the classes rewritten fresh get ids after the replayed ones. Otherwise the run rewrites everything
 * and says why in {@link #summary}.
 *
 * <p>A file belongs to one identity: the agent jar's bytes, the JDK ({@code java.home}, {@code java.vm.version}) and
 * the application (class path and main class), and which allocations get hooks ({@link TrackedAllocations}: the
 * filters); entries are keyed by class name and a fingerprint of the original
 * bytes. Anything wrong with a file (foreign, truncated, damaged, over the cap) makes it unused for this run, with one
 * line in the summary; it is never fatal. Writes are a whole new file renamed over the old one.
 */
public final class RewriteCache {

    /** Largest file written: the index and every kept class together. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Temporary files of writers that died (JVM halted mid-write) are removed after this long. */
    private static final long STALE_TEMPORARY_MILLIS = TimeUnit.HOURS.toMillis(1);
    /**
     * Cache files untouched this long are removed: every agent build, JDK and application has a file of its own, and
     * those of old builds would otherwise pile up in the temporary directory. A run that used a file touches it.
     */
    private static final long STALE_FILE_MILLIS = TimeUnit.DAYS.toMillis(7);
    /**
     * Tidying lists and reads the dates of every file in the directory (some 50 ms for 1,600 files, at each exit), so
     * it runs at most once in this span, by the first run to exit after it; a marker file's date says when it last ran.
     */
    private static final long TIDY_SPACING_MILLIS = TimeUnit.HOURS.toMillis(1);
    static final String TIDIED_MARKER = "last-tidied";

    /** A class rewritten in this run, waiting to be written. */
    private record Fresh(String internalName, ClassFingerprint original, byte[] rewritten) implements CacheFile.Item {
        @Override
        public int length() {
            return rewritten.length;
        }

        @Override
        public int crc32c() {
            return ClassFingerprint.crc32c(rewritten, 0, rewritten.length);
        }

        @Override
        public byte[] bytes() {
            return rewritten;
        }
    }

    /** A class of the file this run reads, carried into the next file. */
    private record Kept(CacheFile.Opened file, CacheFile.Entry entry) implements CacheFile.Item {
        @Override
        public String internalName() {
            return entry.internalName;
        }

        @Override
        public ClassFingerprint original() {
            return entry.original;
        }

        @Override
        public int length() {
            return entry.length;
        }

        @Override
        public int crc32c() {
            return entry.crc32c;
        }

        @Override
        public byte[] bytes() throws CacheFileException {
            return file.read(entry);
        }
    }

    private final Path file;
    private final String identity;
    private final long maxBytes;
    /** The file lookups read, or null; replaced by each file this run writes (which holds all it had). */
    private volatile CacheFile.Opened source;
    /**
     * Files this run mapped and reads no more, kept reachable until the JVM exits. A mapping that becomes garbage is
     * unmapped by a cleaner on the JVM's reference handler thread, which runs hooks: the first unmapping links a native
     * method through JDK code (a {@code ConcurrentHashMap} iteration in {@code NativeLibraries.find}) whose objects were
     * then tracked as the program's, in some runs and not others.
     */
    private final List<CacheFile.Opened> retired = new ArrayList<>();
    private RecordingIds ids;
    private final ConcurrentLinkedQueue<Fresh> fresh = new ConcurrentLinkedQueue<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder rewrittenFresh = new LongAdder();
    private final LongAdder damagedEntries = new LongAdder();
    private final Set<String> problems = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private volatile long savedBytes = -1;

    private RewriteCache(Path file, String identity, long maxBytes) {
        this.file = file;
        this.identity = identity;
        this.maxBytes = maxBytes;
    }

    /** No cache: every class is rewritten. */
    public static RewriteCache off() {
        return new RewriteCache(null, null, 0);
    }

    /**
     * The cache of this agent build, JDK, application and allocation choice in {@code directory} (created owner-only
     * if missing). Never throws: a cache that cannot be used is off, with the reason in {@link #summary}.
     */
    public static RewriteCache open(Path directory, TrackedAllocations allocations) {
        String identity;
        try {
            identity = environmentIdentity() + "\nallocations " + allocations.identity();
        } catch (IOException | RuntimeException e) {
            RewriteCache off = off();
            off.problems.add(e.getMessage());
            return off;
        }
        return open(directory, identity, DEFAULT_MAX_BYTES);
    }

    static RewriteCache open(Path directory, String identity, long maxBytes) {
        RewriteCache cache = new RewriteCache(directory.resolve(fileName(identity)), identity, maxBytes);
        try {
            ensurePrivateDirectory(directory);
        } catch (IOException | RuntimeException e) {
            RewriteCache off = off();
            off.problems.add(e.getMessage());
            return off;
        }
        try {
            cache.source = CacheFile.open(cache.file, identity);
        } catch (NoSuchFileException e) {
            // the first run of this identity
        } catch (CacheFileException e) {
            cache.problems.add("ignored " + cache.file + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            cache.problems.add("ignored " + cache.file + ": " + e);
        }
        return cache;
    }

    /**
     * The directory holds code the JVM will run unverified (bootstrap classes), so it must be this user's alone: a
     * directory another user can write to (a pre-created one in a shared temporary directory) is refused.
     */
    private static void ensurePrivateDirectory(Path directory) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        if (posix) {
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
            String user = System.getProperty("user.name");
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (!attributes.owner().getName().equals(user) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(directory + " is not private to " + user + " (owner "
                        + attributes.owner().getName() + ", " + PosixFilePermissions.toString(permissions) + ")");
            }
        }
    }

    /** Which builds may share a file: this agent jar's bytes, this JDK, this application. */
    static String environmentIdentity() throws IOException {
        CodeSource source = RewriteCache.class.getProtectionDomain().getCodeSource();
        Path jar;
        try {
            jar = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            jar = null;
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IOException("the agent was not loaded from a jar (" + jar + "), so its build cannot be told apart");
        }
        String command = System.getProperty("sun.java.command", "");
        int space = command.indexOf(' ');
        return "agent " + JarFingerprint.of(jar)
                + "\njdk " + System.getProperty("java.home") + " " + System.getProperty("java.vm.version")
                + "\nclasspath " + System.getProperty("java.class.path")
                + "\nmain " + (space < 0 ? command : command.substring(0, space));
    }

    static String fileName(String identity) {
        return "rewrites-" + ClassFingerprint.of(identity.getBytes(StandardCharsets.UTF_8)).hex() + ".bin";
    }

    boolean enabled() {
        return file != null;
    }

    /**
     * Wraps the run's id numbering so that every registration is recorded, and replays the file's log through it.
     * Called once, before the transformer is registered. Returns the ids the rewriting must use.
     */
    synchronized InstrumentationIds bind(InstrumentationIds numbering) {
        if (!enabled()) {
            return numbering;
        }
        if (ids != null) {
            throw new IllegalStateException("bind: the cache is already bound to a numbering");
        }
        ids = new RecordingIds(numbering);
        CacheFile.Opened opened = source;
        if (opened != null) {
            String mismatch = ids.replay(opened.log);
            if (mismatch != null) {
                problems.add("not used this run: its ids differ from this run's (" + mismatch + ")");
                replaceSource(null);
            }
        }
        return ids;
    }

    /** The rewritten bytes cached for these original bytes, or null. */
    byte[] lookup(String internalName, ClassFingerprint original) {
        CacheFile.Opened opened = source;
        if (opened == null) {
            return null;
        }
        CacheFile.Entry entry = opened.find(internalName, original);
        if (entry == null) {
            return null;
        }
        try {
            byte[] bytes = opened.read(entry);
            entry.used = true;
            hits.increment();
            return bytes;
        } catch (CacheFileException e) {
            damagedEntries.increment();
            if (damagedEntries.sum() == 1) { // one line, however many
                problems.add("damaged entries were rewritten fresh (the first: " + e.getMessage() + ")");
            }
            return null;
        }
    }

    /** A class rewritten fresh in this run (with ids from {@link #bind}'s numbering), to be saved. */
    void add(String internalName, ClassFingerprint original, byte[] rewritten) {
        rewrittenFresh.increment();
        if (enabled()) {
            fresh.add(new Fresh(internalName, original, rewritten));
        }
    }

    /**
     * Writes a new file holding this run's log, the classes rewritten fresh and the file's classes (those used
     * in this run first, should the cap leave some out), if anything is new. Never throws: a failure is one line of
     * {@link #summary}.
     */
    public void save() {
        save(true);
    }

    /** @param tidy whether to remove temporary files of dead writers (not at start-up: that loads glob matching) */
    private synchronized void save(boolean tidy) {
        if (!enabled() || ids == null) {
            return;
        }
        if (fresh.isEmpty()) {
            if (tidy && hits.sum() > 0) {
                touch(); // in use: not stale
                removeStale();
            }
            return;
        }
        List<Fresh> drained = new ArrayList<>();
        for (Fresh next; (next = fresh.poll()) != null; ) {
            drained.add(next);
        }
        try {
            IdLog log = ids.snapshot(); // after draining: every drained class's ids are in it
            List<CacheFile.Item> items = itemsToWrite(drained);
            CacheFile.Written written = CacheFile.write(file, identity, log, items, maxBytes);
            if (written.leftOut() > 0) {
                problems.add(written.leftOut() + " classes left out at the cap of " + (maxBytes >> 20) + " MB");
            }
            replaceSource(CacheFile.open(file, identity));
            savedBytes = written.size();
            if (tidy) {
                removeStale();
            }
        } catch (CacheFileException e) {
            problems.add("not saved, file removed: " + e.getMessage());
            deleteQuietly(file);
        } catch (IOException | RuntimeException e) {
            problems.add("not saved: " + e);
        }
    }

    /**
     * Saves what the start-up retransform rewrote, so that a JVM that never exits normally still leaves the JDK's
     * classes cached. On the thread that installs the agent, before the program's main: a writer thread running
     * alongside the program was tried, and it changed the tracked figures (its JDK work raced the program's).
     */
    void saveAfterStartup() {
        save(false);
    }

    private List<CacheFile.Item> itemsToWrite(List<Fresh> drained) {
        List<CacheFile.Item> items = new ArrayList<>(drained);
        Set<String> keys = new HashSet<>();
        for (Fresh item : drained) {
            keys.add(key(item.internalName(), item.original()));
        }
        CacheFile.Opened opened = source;
        if (opened != null) {
            List<CacheFile.Item> unused = new ArrayList<>();
            for (CacheFile.Entry entry : opened.all()) {
                if (keys.add(key(entry.internalName, entry.original))) {
                    (entry.used ? items : unused).add(new Kept(opened, entry));
                }
            }
            items.addAll(unused);
        }
        return items;
    }

    private static String key(String internalName, ClassFingerprint original) {
        return internalName + '#' + original.hex();
    }

    private void touch() {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // another JVM may have replaced or removed it: nothing to keep fresh
        }
    }

    /** Makes {@code next} the file lookups read; the one replaced stays mapped (a lookup may still be reading it). */
    private synchronized void replaceSource(CacheFile.Opened next) {
        CacheFile.Opened replaced = source;
        if (replaced != null) {
            retired.add(replaced);
        }
        source = next;
    }

    /** Whether tidying is due (the marker is absent or older than the spacing); if so, dates the marker now. */
    private static boolean tidyDue(Path marker, long now) {
        try {
            if (Files.exists(marker) && Files.getLastModifiedTime(marker).toMillis() > now - TIDY_SPACING_MILLIS) {
                return false;
            }
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
            Files.setLastModifiedTime(marker, FileTime.fromMillis(now));
        } catch (IOException | RuntimeException e) {
            // another JVM made or dated it meanwhile, or it cannot be written: tidy this once anyway
        }
        return true;
    }

    /** Removes dead writers' temporary files and cache files no run used for {@link #STALE_FILE_MILLIS}. */
    private void removeStale() {
        long now = System.currentTimeMillis();
        if (!tidyDue(file.getParent().resolve(TIDIED_MARKER), now)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), "rewrites-*")) {
            for (Path other : files) {
                String name = other.getFileName().toString();
                long limit = name.endsWith(".tmp") ? STALE_TEMPORARY_MILLIS : name.endsWith(".bin") ? STALE_FILE_MILLIS : -1;
                if (limit > 0 && !other.equals(file)
                        && Files.getLastModifiedTime(other).compareTo(FileTime.fromMillis(now - limit)) < 0) {
                    deleteQuietly(other);
                }
            }
        } catch (IOException | RuntimeException e) {
            // housekeeping only
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the next write replaces it anyway
        }
    }

    /** Classes handed out from the cache in this run. */
    public long hits() {
        return hits.sum();
    }

    /** Classes rewritten by ASM in this run. */
    public long rewrittenFresh() {
        return rewrittenFresh.sum();
    }

    /** One line for the report: where the classes came from, the file, and anything that went wrong. */
    public String summary() {
        if (!enabled()) {
            return "off" + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")");
        }
        StringBuilder line = new StringBuilder()
                .append(hits()).append(" classes from the cache, ").append(rewrittenFresh()).append(" rewritten fresh (")
                .append(file);
        if (savedBytes >= 0) {
            line.append(", saved ").append(savedBytes >> 10).append(" KiB");
        }
        line.append(')');
        if (damagedEntries.sum() > 0) {
            line.append("; ").append(damagedEntries.sum()).append(" damaged entries");
        }
        synchronized (problems) {
            for (String problem : problems) {
                line.append("; ").append(problem);
            }
        }
        return line.toString();
    }
}

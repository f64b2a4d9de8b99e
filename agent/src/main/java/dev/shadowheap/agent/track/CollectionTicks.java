package dev.shadowheap.agent.track;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Tells the death sweeper that the JVM's collector has run, by the collection counts of its
 * {@link GarbageCollectorMXBean}s, read every {@value #POLL_MILLIS} ms: a collection clears the references of the
 * objects it found unreachable before its count goes up, so a sweep after a tick finds them.
 *
 * <p>Not a weak reference to a fresh object, queued by the collection that clears it: under the agent such a marker,
 * made by the death thread, was seen to stay uncleared through dozens of young collections (cause not found), and
 * deaths then waited for the exit. The counts are what the JVM itself reports, whichever collector it runs. Where
 * they cannot be read (a runtime without {@code java.management}), every wait that times out counts as a tick.
 */
final class CollectionTicks {

    private static final long POLL_MILLIS = 10;

    /** Null where the runtime has no management beans. */
    private final List<GarbageCollectorMXBean> collectors = collectorsIfAny();
    private long seen = count();

    private static List<GarbageCollectorMXBean> collectorsIfAny() {
        try {
            return ManagementFactory.getGarbageCollectorMXBeans();
        } catch (LinkageError | RuntimeException noManagement) {
            return null;
        }
    }

    /** Waits up to {@code millis} for a collection; true if one ran since the last tick returned. */
    boolean await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long count = count();
            if (count != seen) {
                seen = count;
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return collectors == null;
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
        }
    }

    /** Whether the JVM's collections can be counted here (see {@link #count}). */
    boolean counting() {
        return collectors != null;
    }

    /** The collections the JVM has run so far, as its beans count them; always 0 where they cannot be read. */
    long count() {
        if (collectors == null) {
            return 0;
        }
        long total = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            total += Math.max(0, collector.getCollectionCount()); // -1 when a collector does not count
        }
        return total;
    }
}

package dev.shadowheap.samples;

/**
 * Told about each structure an app is about to drop. A plain run ignores it; the ground-truth tests
 * record the object graph behind it and later ask the JVM which of those objects died.
 * Implementations must be thread-safe: multi-threaded apps let go from several threads.
 */
@FunctionalInterface
public interface DropObserver {
    /** The observer of a plain run: does nothing. */
    DropObserver IGNORE = structure -> {
    };

    /** Called while {@code structure} is still reachable, just before the app drops its last reference. */
    void dropping(Object structure);
}

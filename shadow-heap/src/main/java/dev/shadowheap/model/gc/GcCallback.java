package dev.shadowheap.model.gc;

/** A {@code gc.callbacks} entry: called before ("start") and after ("stop") every collection. */
@FunctionalInterface
public interface GcCallback {

    /** The two phases CPython reports. */
    enum Phase { START, STOP }

    void onCollection(Phase phase, CollectionInfo info);
}

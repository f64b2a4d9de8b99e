package dev.shadowheap.agent.track;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Tells the death sweeper that the JVM's collector has run: one weak reference to a fresh (young) object is queued
 * by each collection that clears it, and a new one is made as each arrives. This is the only reference the agent
 * has queued: tracked objects' references are not, because the reference handler's enqueueing writes into each dead
 * one (dirtying a card per death, which G1's refinement threads then scan) while a sweep only reads them.
 */
final class CollectionTicks {

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    /** Held here because a reference object that is itself unreachable is never queued. */
    private WeakReference<Object> marker = new WeakReference<>(new Object(), queue);

    /** Waits up to {@code millis} for a collection; true if one ran since the last tick returned. */
    boolean await(long millis) throws InterruptedException {
        if (queue.remove(Math.max(1, millis)) == null) {
            return false;
        }
        marker = new WeakReference<>(new Object(), queue);
        return true;
    }
}

package dev.shadowheap.model.gc;

import dev.shadowheap.heap.ShadowHeap;

/**
 * Sees the final unreachable set of each collection just before the collector frees it (or saves
 * it in {@code gc.garbage}): every object in it is one that reference counting alone would have
 * leaked. Called with the heap's structural lock held; the objects are still live and readable.
 */
@FunctionalInterface
public interface UnreachableObserver {

    void unreachable(ShadowHeap heap, int[] ids, int generation);
}

package dev.shadowheap.model.gc;

import dev.shadowheap.heap.ShadowHeap;

/**
 * The callback of a weak reference, called once its referent has died (freed by reference counting,
 * or found unreachable by the collector) while the weak reference itself is still alive.
 */
@FunctionalInterface
public interface WeakRefCallback {

    void referentDied(ShadowHeap heap, int weakRefId);
}

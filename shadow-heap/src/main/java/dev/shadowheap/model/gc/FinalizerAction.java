package dev.shadowheap.model.gc;

import dev.shadowheap.heap.ShadowHeap;

/**
 * What running an object's PEP 442 finalizer ({@code tp_finalize}, Python's {@code __del__}) does to
 * the shadow graph. Called at most once per object, with the heap's structural lock held, while the
 * object is part of a collection's unreachable set. It may store references to the object (or to
 * anything it reaches) into live objects: that is resurrection, and the collector re-checks
 * reachability before freeing anything.
 */
@FunctionalInterface
public interface FinalizerAction {

    /** Does nothing: the finalizer neither resurrects nor changes the graph. */
    FinalizerAction NONE = (heap, id) -> { };

    void finalize(ShadowHeap heap, int id);
}

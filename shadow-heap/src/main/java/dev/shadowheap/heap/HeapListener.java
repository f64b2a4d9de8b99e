package dev.shadowheap.heap;

/**
 * A model that follows the shadow heap's object lifecycle (the cycle collector, pymalloc).
 *
 * <p>Every call is made with the heap's structural lock held, one at a time; a listener may call back into the heap
 * (a collection triggered by an allocation clears slots and so frees objects). {@link #allocated} may come later
 * than the allocation itself, when another thread held the lock then (see {@link ShadowHeap#catchUp}), but always
 * before any other call about that object, and allocations are told in the order they were made. In
 * {@link #freed} the object's slots are already released but its class, size and site are still readable; its id
 * is recycled once the call returns.
 */
public interface HeapListener {

    void allocated(ShadowHeap heap, int id);

    void freed(ShadowHeap heap, int id);

    /**
     * The host let go of a live object ({@link ShadowHeap#hostReleased}); called before the object is freed, if it
     * is freed at once. Models that only follow allocations and frees ignore it.
     */
    default void hostReleased(ShadowHeap heap, int id) {
    }
}

package dev.shadowheap.model.pymalloc;

import dev.shadowheap.heap.HeapListener;
import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;

import java.util.Arrays;

/**
 * Runs a {@link Pymalloc} alongside a {@link ShadowHeap}: every shadow object gets the blocks its
 * CPython counterpart would have (sizes per {@link ObjectSizeMapping}) when it is allocated, and
 * gives them back when it is freed, so the allocator's pools and arenas follow the shadow heap's
 * lifetimes, including objects that only the cycle collector frees.
 *
 * <p>Per-object state is two handles per shadow id in one {@code long[]} (the object block and, for
 * arrays, the item block), grown by doubling. The heap calls listeners under its structural lock,
 * one at a time, which is the only synchronisation the allocator needs; readers of
 * {@link #allocator()} statistics from other threads should hold {@link ShadowHeap#lock()}.
 */
public final class PymallocHeapListener implements HeapListener {

    private static final int STRIDE = 2;
    private static final int OBJECT_BLOCK = 0;
    private static final int ITEM_BLOCK = 1;

    private final Pymalloc allocator;
    private long[] handles = new long[1024 * STRIDE];

    public PymallocHeapListener(Pymalloc allocator) {
        if (allocator == null) {
            throw new IllegalArgumentException("PymallocHeapListener: allocator is null");
        }
        this.allocator = allocator;
    }

    public Pymalloc allocator() {
        return allocator;
    }

    @Override
    public void allocated(ShadowHeap heap, int id) {
        int at = id * STRIDE;
        if (at + STRIDE > handles.length) {
            handles = Arrays.copyOf(handles, Math.max(handles.length * 2, at + STRIDE));
        }
        ShadowClass shadowClass = heap.shadowClass(id);
        if (shadowClass.isArray()) {
            handles[at + OBJECT_BLOCK] = allocator.malloc(ObjectSizeMapping.listObjectRequest(shadowClass.isContainer()));
            int items = ObjectSizeMapping.listItemsRequest(heap.slotCount(id));
            handles[at + ITEM_BLOCK] = items == 0 ? 0 : allocator.malloc(items);
        } else {
            handles[at + OBJECT_BLOCK] = allocator.malloc(
                    ObjectSizeMapping.instanceRequest(heap.shallowSize(id), shadowClass.isContainer()));
            handles[at + ITEM_BLOCK] = 0;
        }
    }

    @Override
    public void freed(ShadowHeap heap, int id) {
        int at = id * STRIDE;
        if (at + STRIDE > handles.length) {
            throw new IllegalStateException("freed: shadow object " + id + " was never reported allocated");
        }
        // CPython's list_dealloc frees the item array before the object.
        allocator.free(handles[at + ITEM_BLOCK]);
        allocator.free(handles[at + OBJECT_BLOCK]);
        handles[at + OBJECT_BLOCK] = 0;
        handles[at + ITEM_BLOCK] = 0;
    }

    /** The object block of a live shadow object (0 if none), for reports and tests. */
    public long objectBlock(int id) {
        int at = id * STRIDE;
        return at + STRIDE <= handles.length ? handles[at + OBJECT_BLOCK] : 0;
    }

    /** The item block of a live shadow array (0 for instances and empty arrays). */
    public long itemBlock(int id) {
        int at = id * STRIDE;
        return at + STRIDE <= handles.length ? handles[at + ITEM_BLOCK] : 0;
    }
}

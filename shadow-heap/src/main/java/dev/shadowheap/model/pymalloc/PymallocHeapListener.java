package dev.shadowheap.model.pymalloc;

import dev.shadowheap.heap.HeapListener;
import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;

/**
 * Runs a {@link Pymalloc} alongside a {@link ShadowHeap}: every shadow object gets the blocks its
 * CPython counterpart would have (sizes per {@link ObjectSizeMapping}) when it is allocated, and
 * gives them back when it is freed, so the allocator's pools and arenas follow the shadow heap's
 * lifetimes, including objects that only the cycle collector frees.
 *
 * <p>Per-object state is two handles per shadow id (the object block and, for arrays, the item block), in
 * {@link BlockHandles}. The heap calls listeners under its structural lock,
 * one at a time, which is the only synchronisation the allocator needs; readers of
 * {@link #allocator()} statistics from other threads should hold {@link ShadowHeap#lock()}.
 */
public final class PymallocHeapListener implements HeapListener {

    private final Pymalloc allocator;
    private final BlockHandles handles = new BlockHandles();

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
        ShadowClass shadowClass = heap.shadowClass(id);
        if (shadowClass.isArray()) {
            long object = allocator.malloc(ObjectSizeMapping.listObjectRequest(shadowClass.isContainer()));
            int items = ObjectSizeMapping.listItemsRequest(heap.slotCount(id));
            handles.set(id, object, items == 0 ? 0 : allocator.malloc(items));
        } else {
            handles.set(id, allocator.malloc(
                    ObjectSizeMapping.instanceRequest(heap.shallowSize(id), shadowClass.isContainer())), 0);
        }
    }

    @Override
    public void freed(ShadowHeap heap, int id) {
        if (!handles.covers(id)) {
            throw new IllegalStateException("freed: shadow object " + id + " was never reported allocated");
        }
        // CPython's list_dealloc frees the item array before the object.
        allocator.free(handles.itemBlock(id));
        allocator.free(handles.objectBlock(id));
        handles.set(id, 0, 0);
    }

    /** The object block of a live shadow object (0 if none), for reports and tests. */
    public long objectBlock(int id) {
        return handles.objectBlock(id);
    }

    /** The item block of a live shadow array (0 for instances and empty arrays). */
    public long itemBlock(int id) {
        return handles.itemBlock(id);
    }
}

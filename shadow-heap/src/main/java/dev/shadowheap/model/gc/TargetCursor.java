package dev.shadowheap.model.gc;

import dev.shadowheap.heap.ShadowHeap;

/**
 * Iterates the non-null targets of one object at a time through {@link ShadowHeap#copySlots}, a
 * block of slots per heap call. The collector's inner loops use it instead of a per-edge callback:
 * the loop body stays inlined in the caller, and nothing is allocated. Not reentrant: one object at
 * a time per cursor.
 */
final class TargetCursor {

    private static final int BLOCK = 256;

    private final ShadowHeap heap;
    private final int[] block = new int[BLOCK];
    private int owner;
    private int blockStart;
    private int blockSize;
    private int position;

    TargetCursor(ShadowHeap heap) {
        this.heap = heap;
    }

    /** Starts on the targets of {@code id}. */
    void open(int id) {
        owner = id;
        blockStart = 0;
        blockSize = heap.copySlots(id, 0, block);
        position = 0;
    }

    /** The next non-null target in slot order, or {@link ShadowHeap#NULL} when there are no more. */
    int next() {
        while (true) {
            while (position < blockSize) {
                int target = block[position++];
                if (target != ShadowHeap.NULL) {
                    return target;
                }
            }
            if (blockSize < BLOCK) {
                return ShadowHeap.NULL;
            }
            blockStart += blockSize;
            blockSize = heap.copySlots(owner, blockStart, block);
            position = 0;
        }
    }
}

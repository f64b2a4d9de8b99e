package dev.shadowheap.model.gc;

import static dev.shadowheap.model.gc.GcLists.COLLECTING;
import static dev.shadowheap.model.gc.GcLists.IN_GARBAGE;
import static dev.shadowheap.model.gc.GcLists.IN_UNREACHABLE;

import dev.shadowheap.heap.ShadowHeap;

/**
 * The reachability analysis of one collection: CPython's {@code update_refs}, {@code subtract_refs}
 * and {@code move_unreachable}, run on the shadow graph. Iterative and allocation-free: edges are read a
 * block of slots at a time ({@link ShadowHeap#copySlots}) and the loops work on each object's flags and gc_refs
 * in place, which sit next to each other ({@link GcLists#stateChunk}).
 *
 * <p>The shadow counts only heap references, so the references CPython would see from places the
 * shadow does not model are added here: an object that is host-held (on a stack or in a local the
 * shadow cannot see), pinned (a static-root holder) or kept in {@code gc.garbage} gets one extra
 * external reference: {@code gc_refs = refcount + 1}.
 */
final class Reachability {

    private final ShadowHeap heap;
    private final GcLists lists;
    /** Slots read from the heap, a block at a time: no per-edge callback, nothing allocated per collection. */
    private final int[] batch = new int[4096];

    Reachability(ShadowHeap heap, GcLists lists) {
        this.heap = heap;
        this.lists = lists;
    }

    /** Host-held, pinned or in gc.garbage: one reference CPython would count that the shadow does not. */
    private boolean hasUncountedReference(int id, int flags) {
        return (flags & IN_GARBAGE) != 0 || heap.isHostHeld(id) || heap.isPinned(id);
    }

    /**
     * Splits list {@code young} into what is reachable from outside it (stays in {@code young}, in
     * CPython's order) and what is not (moved to {@code unreachable}, flagged COLLECTING and
     * IN_UNREACHABLE). Returns the number of reachable objects left in {@code young}.
     */
    int deduceUnreachable(int young, int unreachable) {
        updateRefs(young);
        subtractRefs(young);
        return moveUnreachable(young, unreachable);
    }

    void updateRefs(int list) {
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            int[] chunk = lists.stateChunk(id);
            int at = GcLists.stateOffset(id);
            int flags = chunk[at];
            chunk[at + 1] = heap.refcount(id) + (hasUncountedReference(id, flags) ? 1 : 0);
            chunk[at] = flags | COLLECTING;
        }
    }

    /**
     * Subtracting commutes, so the slots of many objects are gathered into one batch (reading the list
     * and the slot regions in order) and then the targets are decremented in a tight loop whose random
     * accesses the CPU can overlap.
     */
    void subtractRefs(int list) {
        int[] batch = this.batch;
        int filled = 0;
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            int from = 0;
            while (true) {
                int n = heap.copySlots(id, from, batch, filled);
                filled += n;
                if (filled < batch.length) {
                    break; // every slot copied
                }
                subtractFrom(batch, filled);
                filled = 0;
                from += n;
            }
        }
        subtractFrom(batch, filled);
    }

    private void subtractFrom(int[] targets, int count) {
        for (int i = 0; i < count; i++) {
            int target = targets[i];
            if (target != ShadowHeap.NULL) {
                int[] chunk = lists.stateChunk(target);
                int at = GcLists.stateOffset(target);
                if ((chunk[at] & COLLECTING) != 0) {
                    chunk[at + 1]--; // gc_refs
                }
            }
        }
    }

    private int moveUnreachable(int young, int unreachable) {
        int[] block = this.batch;
        int survivors = 0;
        int id = lists.first(young);
        while (id != 0) {
            int[] chunk = lists.stateChunk(id);
            int at = GcLists.stateOffset(id);
            if (chunk[at + 1] > 0) {
                int from = 0;
                while (true) {
                    int n = heap.copySlots(id, from, block, 0);
                    for (int i = 0; i < n; i++) {
                        int target = block[i];
                        if (target != ShadowHeap.NULL) {
                            markReachable(target, young); // may append to young: read the successor afterwards
                        }
                    }
                    if (n < block.length) {
                        break;
                    }
                    from += n;
                }
                chunk[at] &= ~COLLECTING;
                survivors++;
                id = lists.after(id, young);
            } else {
                int next = lists.after(id, young);
                lists.moveTo(unreachable, id);
                chunk[at] |= IN_UNREACHABLE;
                id = next;
            }
        }
        return survivors;
    }

    /** A target of an object known to be reachable is reachable too. */
    private void markReachable(int target, int young) {
        int[] chunk = lists.stateChunk(target);
        int at = GcLists.stateOffset(target);
        int flags = chunk[at];
        if ((flags & COLLECTING) == 0) {
            return; // not in this collection, or already known reachable and scanned
        }
        if ((flags & IN_UNREACHABLE) != 0) {
            // Tentatively unreachable, but reachable after all: back to the end of young, to be scanned.
            chunk[at] = flags & ~IN_UNREACHABLE;
            chunk[at + 1] = 1;
            lists.moveTo(young, target);
        } else if (chunk[at + 1] == 0) {
            chunk[at + 1] = 1; // not scanned yet; it will be, as it is further along young
        }
    }

    /** 3.8's check_garbage: true when some object of {@code list} is referenced from outside it. */
    boolean anyReferencedFromOutside(int list) {
        updateRefs(list);
        subtractRefs(list);
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            if (lists.gcRefs(id) != 0) {
                return true;
            }
        }
        return false;
    }
}

package dev.shadowheap.model.gc;

import static dev.shadowheap.model.gc.GcLists.GC_REFS_BIAS;
import static dev.shadowheap.model.gc.GcLists.IN_GARBAGE;
import static dev.shadowheap.model.gc.GcLists.NOT_COLLECTING;
import static dev.shadowheap.model.gc.GcLists.TENTATIVELY_UNREACHABLE;

import dev.shadowheap.heap.ShadowHeap;

/**
 * The reachability analysis of one collection: CPython's {@code update_refs}, {@code subtract_refs}
 * and {@code move_unreachable}, run on the shadow graph. Iterative and allocation-free: edges are read a
 * block of slots at a time ({@link ShadowHeap#copySlots}) and the loops work on each object's flags and gc_refs
 * in place: one int per object, gc_refs and state together ({@link GcLists#marks}).
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
        int[] marks = lists.marks();
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            int gcRefs = heap.refcountIncludingHost(id);
            if (lists.has(id, IN_GARBAGE) && gcRefs == heap.refcount(id)) {
                gcRefs++; // gc.garbage's reference, unless the host's was counted already: one extra at most
            }
            marks[id] = gcRefs + GC_REFS_BIAS;
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
        int[] marks = lists.marks();
        for (int i = 0; i < count; i++) {
            int target = targets[i];
            // In the collection with gc_refs > 0 (gc_refs never drops below the internal references, unless
            // a host thread stores concurrently: then it stops at 0 instead of going negative). NULL's mark
            // is always NOT_COLLECTING. A host thread may also store an object allocated after the collection
            // began, which the collector has not heard of and has no mark for: it is outside the collection.
            if (target < marks.length && marks[target] > GC_REFS_BIAS) {
                marks[target]--;
            }
        }
    }

    private int moveUnreachable(int young, int unreachable) {
        int[] block = this.batch;
        int[] marks = lists.marks();
        int survivors = 0;
        int id = lists.first(young);
        while (id != 0) {
            if (marks[id] > GC_REFS_BIAS) { // gc_refs > 0: reachable
                int from = 0;
                while (true) {
                    int n = heap.copySlots(id, from, block, 0);
                    for (int i = 0; i < n; i++) {
                        int target = block[i];
                        if (target != ShadowHeap.NULL) {
                            markReachable(marks, target, young); // may append to young: read the successor afterwards
                        }
                    }
                    if (n < block.length) {
                        break;
                    }
                    from += n;
                }
                marks[id] = NOT_COLLECTING; // scanned
                survivors++;
                id = lists.after(id, young);
            } else {
                int next = lists.after(id, young);
                lists.moveTo(unreachable, id);
                marks[id] = TENTATIVELY_UNREACHABLE;
                id = next;
            }
        }
        return survivors;
    }

    /** A target of an object known to be reachable is reachable too. */
    private void markReachable(int[] marks, int target, int young) {
        if (target >= marks.length) {
            return; // allocated after the collection began (see subtractFrom): outside it
        }
        int mark = marks[target];
        if (mark == TENTATIVELY_UNREACHABLE) { // rare: the branch predicts well
            // Tentatively unreachable, but reachable after all: back to the end of young, to be scanned.
            marks[target] = 1 + GC_REFS_BIAS;
            lists.moveTo(young, target);
            return;
        }
        // Otherwise gc_refs 0 becomes 1 (not scanned yet; it will be, as it is further along young), and
        // everything else stays: not in this collection, already scanned, or gc_refs > 0. Computed without
        // a branch: whether a random target was scanned already is a coin toss, and a mispredicted branch
        // waiting on a cache miss would stop the CPU from overlapping the next targets' misses.
        int zeroRefs = mark ^ GC_REFS_BIAS;
        marks[target] = mark + (((zeroRefs - 1) & ~zeroRefs) >>> 31); // +1 exactly when zeroRefs == 0
    }

    /** 3.8's check_garbage: true when some object of {@code list} is referenced from outside it. */
    boolean anyReferencedFromOutside(int list) {
        updateRefs(list);
        subtractRefs(list);
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            if (lists.mark(id) != GC_REFS_BIAS) { // gc_refs != 0
                return true;
            }
        }
        return false;
    }
}

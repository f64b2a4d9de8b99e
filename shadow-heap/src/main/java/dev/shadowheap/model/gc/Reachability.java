package dev.shadowheap.model.gc;

import static dev.shadowheap.model.gc.GcLists.COLLECTING;
import static dev.shadowheap.model.gc.GcLists.IN_GARBAGE;
import static dev.shadowheap.model.gc.GcLists.IN_UNREACHABLE;

import dev.shadowheap.heap.ShadowHeap;
import java.util.function.IntConsumer;

/**
 * The reachability analysis of one collection: CPython's {@code update_refs}, {@code subtract_refs}
 * and {@code move_unreachable}, run on the shadow graph. Iterative and allocation-free: the traversal
 * visitors are created once.
 *
 * <p>The shadow counts only heap references, so the references CPython would see from places the
 * shadow does not model are added here: an object that is host-held (on a stack or in a local the
 * shadow cannot see), pinned (a static-root holder) or kept in {@code gc.garbage} gets one extra
 * external reference: {@code gc_refs = refcount + 1}.
 */
final class Reachability {

    private final ShadowHeap heap;
    private final GcLists lists;
    private int young;
    private int survivors;

    private final IntConsumer subtractVisitor;
    private final IntConsumer reachableVisitor;

    Reachability(ShadowHeap heap, GcLists lists) {
        this.heap = heap;
        this.lists = lists;
        this.subtractVisitor = target -> {
            if (lists.has(target, COLLECTING)) {
                lists.setGcRefs(target, lists.gcRefs(target) - 1);
            }
        };
        this.reachableVisitor = target -> {
            int flags = lists.flags(target);
            if ((flags & COLLECTING) == 0) {
                return; // not in this collection, or already known reachable and scanned
            }
            if ((flags & IN_UNREACHABLE) != 0) {
                // Tentatively unreachable, but reachable after all: back to the end of young, to be scanned.
                lists.setFlags(target, flags & ~IN_UNREACHABLE);
                lists.moveTo(this.young, target);
                lists.setGcRefs(target, 1);
            } else if (lists.gcRefs(target) == 0) {
                lists.setGcRefs(target, 1); // not scanned yet; it will be, as it is further along young
            }
        };
    }

    /** gc_refs of an object before subtracting internal references. */
    int externalBase(int id) {
        int extra = heap.isHostHeld(id) || heap.isPinned(id) || lists.has(id, IN_GARBAGE) ? 1 : 0;
        return heap.refcount(id) + extra;
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
            lists.setGcRefs(id, externalBase(id));
            lists.add(id, COLLECTING);
        }
    }

    void subtractRefs(int list) {
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            heap.forEachTarget(id, subtractVisitor);
        }
    }

    private int moveUnreachable(int young, int unreachable) {
        this.young = young;
        survivors = 0;
        int id = lists.first(young);
        while (id != 0) {
            if (lists.gcRefs(id) > 0) {
                heap.forEachTarget(id, reachableVisitor); // may append to young: read the successor afterwards
                lists.clear(id, COLLECTING);
                survivors++;
                id = lists.after(id, young);
            } else {
                int next = lists.after(id, young);
                lists.moveTo(unreachable, id);
                lists.add(id, IN_UNREACHABLE);
                id = next;
            }
        }
        return survivors;
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

package dev.shadowheap.analysis;

import dev.shadowheap.heap.ShadowHeap;
import java.util.Arrays;

/**
 * One batch of leaked objects copied out of the shadow heap into dense arrays: node {@code i} is
 * {@code ids[i]}; its edges to other members of the batch are {@code targets[edgeStart[i] ..
 * edgeStart[i+1])} with their labels. Edges leaving the batch are dropped: they cannot be part of
 * a leaked cycle. The copy lets the heap free the objects right after the batch is recorded.
 */
final class LeakGraph {

    final int[] ids;
    final int[] classIds;
    final int[] sizes;
    final int[] siteIds;
    final int[] serials;
    final int[] edgeStart;
    final int[] targets;
    /** The owner's slot each edge leaves from. */
    final int[] edgeSlots;
    /** Each edge's label, once {@link #label} has named them; null before. */
    int[] labels;

    private LeakGraph(int[] ids, int[] classIds, int[] sizes, int[] siteIds, int[] serials, int[] edgeStart,
            int[] targets, int[] edgeSlots) {
        this.ids = ids;
        this.classIds = classIds;
        this.sizes = sizes;
        this.siteIds = siteIds;
        this.serials = serials;
        this.edgeStart = edgeStart;
        this.targets = targets;
        this.edgeSlots = edgeSlots;
    }

    /**
     * Names every edge by its owner's class and slot. Apart from {@link #read}: reading holds the heap's lock, and the
     * labels belong to the accumulator, which names them when it analyses the batch, after the lock is let go. The
     * heap's class table only grows, so the classes read are still there.
     */
    void label(ShadowHeap heap, EdgeLabels edgeLabels) {
        int[] named = new int[targets.length];
        for (int v = 0; v < ids.length; v++) {
            for (int e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
                named[e] = edgeLabels.labelOf(heap, classIds[v], edgeSlots[e]);
            }
        }
        labels = named;
    }

    int nodeCount() {
        return ids.length;
    }

    /**
     * Reads the batch under the heap's structural lock. Every id must be a live shadow object that is
     * neither host-held nor pinned, and appear once; otherwise nothing is recorded.
     */
    static LeakGraph read(ShadowHeap heap, int[] leakedIds) {
        if (heap == null) {
            throw new IllegalArgumentException("leak analysis: heap must not be null");
        }
        if (leakedIds == null) {
            throw new IllegalArgumentException("leak analysis: leaked id array must not be null");
        }
        int n = leakedIds.length;
        heap.lock().lock();
        try {
            IdIndex index = new IdIndex(n);
            for (int i = 0; i < n; i++) {
                int id = leakedIds[i];
                if (!heap.isLive(id)) {
                    throw new IllegalArgumentException("leak analysis: id " + id + " at position " + i
                            + " is not a live shadow object");
                }
                if (heap.isPinned(id) || heap.isHostHeld(id)) {
                    throw new IllegalArgumentException("leak analysis: object " + id + " at position " + i
                            + " is " + (heap.isPinned(id) ? "pinned" : "still host-held") + ", so it is not leaked");
                }
                if (!index.put(id, i)) {
                    throw new IllegalArgumentException("leak analysis: id " + id + " appears twice (again at position "
                            + i + ")");
                }
            }
            int[] ids = leakedIds.clone();
            int[] classIds = new int[n];
            int[] sizes = new int[n];
            int[] siteIds = new int[n];
            int[] serials = new int[n];
            int[] edgeStart = new int[n + 1];
            int[] targets = new int[Math.max(16, n)];
            int[] edgeSlots = new int[targets.length];
            int edges = 0;
            for (int i = 0; i < n; i++) {
                int id = ids[i];
                int classId = heap.classId(id);
                classIds[i] = classId;
                sizes[i] = heap.shallowSize(id);
                siteIds[i] = heap.siteId(id);
                serials[i] = heap.serial(id);
                int slots = heap.slotCount(id);
                for (int slot = 0; slot < slots; slot++) {
                    int target = index.get(heap.target(id, slot));
                    if (target < 0) {
                        continue;
                    }
                    if (edges == targets.length) {
                        targets = Arrays.copyOf(targets, edges * 2);
                        edgeSlots = Arrays.copyOf(edgeSlots, edges * 2);
                    }
                    targets[edges] = target;
                    edgeSlots[edges] = slot;
                    edges++;
                }
                edgeStart[i + 1] = edges;
            }
            return new LeakGraph(ids, classIds, sizes, siteIds, serials, edgeStart, Arrays.copyOf(targets, edges),
                    Arrays.copyOf(edgeSlots, edges));
        } finally {
            heap.lock().unlock();
        }
    }
}

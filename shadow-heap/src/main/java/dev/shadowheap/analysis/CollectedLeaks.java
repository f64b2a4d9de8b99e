package dev.shadowheap.analysis;

import dev.shadowheap.heap.IntStack;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.model.gc.UnreachableObserver;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Turns what the cycle collector finds unreachable into what reference counting alone leaked, and records it.
 *
 * <p>The collector's unreachable set holds only tracked containers. The objects that set alone keeps alive —
 * untracked ones such as strings and boxed values, or containers in older generations — are leaked too (they are
 * freed only by the cascade when the cycle is cleared), so they are added: every object reachable from the set
 * that is neither host-held nor pinned and whose every reference comes from inside the grown set. Referrers from
 * outside (another dead structure not collected yet) keep an object out of this batch; it is counted when that
 * structure goes.
 */
public final class CollectedLeaks implements UnreachableObserver {

    private final LeakAccumulator accumulator;
    private final BitSet members = new BitSet();

    public CollectedLeaks(LeakAccumulator accumulator) {
        this.accumulator = accumulator;
    }

    @Override
    public void unreachable(ShadowHeap heap, int[] ids, int generation) {
        int[] leaked = withWhatOnlyTheyHold(heap, ids);
        accumulator.add(heap, leaked);
    }

    /** The unreachable set grown by the objects only it keeps alive. */
    int[] withWhatOnlyTheyHold(ShadowHeap heap, int[] unreachable) {
        IntStack set = new IntStack(unreachable.length * 2);
        for (int id : unreachable) {
            members.set(id);
            set.push(id);
        }
        IntStack candidates = new IntStack();
        for (int i = 0; i < set.size(); i++) {
            heap.forEachTarget(set.get(i), target -> {
                if (!members.get(target) && !heap.isHostHeld(target) && !heap.isPinned(target)) {
                    members.set(target);
                    set.push(target);
                    candidates.push(target);
                }
            });
        }
        try {
            if (candidates.isEmpty()) {
                return unreachable;
            }
            dropThoseHeldFromOutside(heap, set, candidates.toArray());
            int[] grown = new int[set.size()];
            int n = 0;
            for (int i = 0; i < set.size(); i++) {
                if (members.get(set.get(i))) {
                    grown[n++] = set.get(i);
                }
            }
            return Arrays.copyOf(grown, n);
        } finally {
            for (int i = 0; i < set.size(); i++) {
                members.clear(set.get(i));
            }
        }
    }

    /**
     * Removes candidates with more references than the set gives them, until none is left: a fixpoint, since a
     * removed candidate's own references no longer count as inside. Counted once, then kept up to date: each removal
     * takes its references away from the candidates it points at, which may drop them in turn (a worklist, so a
     * chain held from outside at its far end costs one pass, not one pass per link).
     */
    private void dropThoseHeldFromOutside(ShadowHeap heap, IntStack set, int[] candidates) {
        Arrays.sort(candidates);
        int[] inside = new int[candidates.length];
        for (int i = 0; i < set.size(); i++) {
            heap.forEachTarget(set.get(i), target -> {
                int index = Arrays.binarySearch(candidates, target);
                if (index >= 0) {
                    inside[index]++;
                }
            });
        }
        IntStack dropped = new IntStack();
        for (int c = 0; c < candidates.length; c++) {
            if (inside[c] < heap.refcount(candidates[c])) {
                members.clear(candidates[c]);
                dropped.push(candidates[c]);
            }
        }
        while (!dropped.isEmpty()) {
            heap.forEachTarget(dropped.pop(), target -> {
                int index = Arrays.binarySearch(candidates, target);
                if (index >= 0 && members.get(target) && --inside[index] < heap.refcount(target)) {
                    members.clear(target);
                    dropped.push(target);
                }
            });
        }
    }
}

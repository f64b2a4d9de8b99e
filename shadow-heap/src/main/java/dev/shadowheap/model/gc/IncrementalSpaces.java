package dev.shadowheap.model.gc;

import static dev.shadowheap.model.gc.GcLists.FROZEN;
import static dev.shadowheap.model.gc.GcLists.GEN0;
import static dev.shadowheap.model.gc.GcLists.GEN1;
import static dev.shadowheap.model.gc.GcLists.INCREMENT;
import static dev.shadowheap.model.gc.GcLists.PERMANENT;
import static dev.shadowheap.model.gc.GcLists.SPACE_1;
import static dev.shadowheap.model.gc.GcLists.TRACKED;
import static dev.shadowheap.model.gc.GcLists.UNREACHABLE;

import dev.shadowheap.heap.IntStack;
import dev.shadowheap.heap.ShadowHeap;
import java.util.function.IntConsumer;

/**
 * The incremental collector of CPython 3.14.0–3.14.4 (memory-model §3.10): a young list and two old
 * "spaces" (headers {@code GEN1} and {@code GEN2} of {@link GcLists}), one of them the visited space.
 * An automatic collection is one increment: young plus a budgeted slice of the pending space, taken
 * a whole transitive closure at a time so that no cycle is split.
 *
 * <p>Roots on the shadow: CPython marks from the interpreter's roots (module and type dicts, frames).
 * The shadow's stand-ins are host-held and pinned objects. The mark phase marks from those found in
 * the pending space; each later increment marks from the host-held objects of young ("the frames").
 */
final class IncrementalSpaces {

    /** CPython's SCAN_RATE_DIVISOR. */
    private static final int SCAN_RATE_DIVISOR = 10;

    private final ShadowHeap heap;
    private final GcLists lists;
    private int visitedSpace;
    private long workToDo;
    private boolean markPhase = true;
    private long heapSize;
    private final int[] oldCount = new int[2];

    private final IntStack stack = new IntStack();
    private final IntStack rootIds = new IntStack();
    private int markInto;
    private int marked;
    private final IntConsumer markVisitor;

    IncrementalSpaces(ShadowHeap heap, GcLists lists) {
        this.heap = heap;
        this.lists = lists;
        this.markVisitor = this::markIfUnvisited;
    }

    private int visitedList() {
        return GEN1 + visitedSpace;
    }

    private int pendingList() {
        return GEN1 + (1 - visitedSpace);
    }

    private boolean isVisited(int flags) {
        return ((flags & SPACE_1) != 0) == (visitedSpace == 1);
    }

    private void setVisited(int id, boolean visited) {
        boolean space1 = visited == (visitedSpace == 1);
        if (space1) {
            lists.add(id, SPACE_1);
        } else {
            lists.clear(id, SPACE_1);
        }
    }

    void tracked(int id) {
        heapSize++;
        setVisited(id, false); // new objects are tagged "not visited"
    }

    void untracked() {
        heapSize--;
    }

    int[] publicCount(int[] count) {
        return new int[] {count[0], oldCount[visitedSpace], oldCount[1 - visitedSpace]};
    }

    void frozen(int[] count) {
        oldCount[0] = 0;
        oldCount[1] = 0;
    }

    void unfreeze() {
        for (int id = lists.first(PERMANENT); id != 0; id = lists.after(id, PERMANENT)) {
            setVisited(id, true);
        }
        lists.splice(PERMANENT, visitedList());
    }

    int[] objects(int generation) {
        if (generation == 0) {
            return lists.toArray(GEN0);
        }
        if (generation == 1) {
            return new int[0]; // there is no generation 1 any more
        }
        int[] a = lists.toArray(GEN1);
        int[] b = lists.toArray(GEN1 + 1);
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    void collect(CycleCollector collector, int generation, int[] count, int[] threshold) {
        long started = System.nanoTime();
        switch (generation) {
            case 0 -> collectYoung(collector, count, started);
            case 1 -> collectIncrement(collector, count, threshold, started);
            default -> collectFull(collector, count, started);
        }
    }

    private void printHeader(CycleCollector collector, int generation) {
        if ((collector.debugFlags() & CycleCollector.DEBUG_STATS) == 0) {
            return; // list sizes cost a walk: only when asked for
        }
        collector.printStatsHeader(generation, lists.size(GEN0), lists.size(visitedList()), lists.size(pendingList()));
    }

    private void collectYoung(CycleCollector collector, int[] count, long started) {
        printHeader(collector, 0);
        count[0] = 0;
        oldCount[visitedSpace]++;
        tagAll(GEN0, true);
        collector.reachability().deduceUnreachable(GEN0, UNREACHABLE);
        lists.splice(GEN0, visitedList());
        collector.handleUnreachable(0, visitedList(), started);
    }

    private void collectIncrement(CycleCollector collector, int[] count, int[] threshold, long started) {
        long scanRate = Math.max(threshold[1], 2);
        long young = count[0];
        workToDo += young + Math.min(heapSize / SCAN_RATE_DIVISOR / scanRate, young * 3 / 2);
        count[0] = 0;
        if (markPhase) {
            // The snapshot of gc.c read for §3.10 subtracts the marked count twice (mark routine and caller).
            workToDo -= 2L * markFromRoots(pendingList(), visitedList());
            markPhase = false;
            return; // this increment only marks
        }
        printHeader(collector, 1);
        workToDo -= markFromRoots(GEN0, visitedList());
        tagAll(GEN0, true);
        lists.splice(GEN0, INCREMENT);
        long incrementSize = lists.size(INCREMENT);
        int pending = pendingList();
        while (incrementSize < workToDo && !lists.isEmpty(pending)) {
            int id = lists.first(pending);
            incrementSize += closureInto(id, INCREMENT);
        }
        collector.reachability().deduceUnreachable(INCREMENT, UNREACHABLE);
        lists.splice(INCREMENT, visitedList());
        collector.handleUnreachable(1, visitedList(), started);
        workToDo += heapSize / SCAN_RATE_DIVISOR / scanRate;
        workToDo -= incrementSize;
        if (lists.isEmpty(pendingList())) {
            completedScavenge();
        }
    }

    private void collectFull(CycleCollector collector, int[] count, long started) {
        printHeader(collector, 2);
        int visited = visitedList();
        tagAll(GEN0, true);
        tagAll(pendingList(), true);
        lists.splice(GEN0, visited);
        lists.splice(pendingList(), visited);
        count[0] = 0;
        oldCount[0] = 0;
        oldCount[1] = 0;
        collector.reachability().deduceUnreachable(visited, UNREACHABLE);
        collector.handleUnreachable(2, visited, started);
        completedScavenge();
    }

    private void completedScavenge() {
        if (lists.isEmpty(PERMANENT)) {
            visitedSpace = 1 - visitedSpace; // everything visited is now pending
        } else {
            tagAll(visitedList(), false);
            lists.splice(visitedList(), pendingList());
        }
        tagAll(GEN0, false);
        workToDo = 0;
        markPhase = true;
    }

    private void tagAll(int list, boolean visited) {
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            setVisited(id, visited);
        }
    }

    /** Marks, into {@code into}, everything unvisited reachable from the host-held objects of {@code roots}. */
    private int markFromRoots(int roots, int into) {
        // Roots are gathered first: marking moves objects out of the list being walked.
        rootIds.clear();
        for (int id = lists.first(roots); id != 0; id = lists.after(id, roots)) {
            if (heap.isHostHeld(id) || heap.isPinned(id)) {
                rootIds.push(id);
            }
        }
        markInto = into;
        marked = 0;
        for (int i = 0; i < rootIds.size(); i++) {
            markIfUnvisited(rootIds.get(i));
            drain();
        }
        rootIds.clear();
        return marked;
    }

    private int closureInto(int start, int into) {
        markInto = into;
        marked = 0;
        mark(start);
        drain();
        return marked;
    }

    private void markIfUnvisited(int target) {
        int flags = lists.flags(target);
        if ((flags & TRACKED) != 0 && (flags & FROZEN) == 0 && !isVisited(flags)) {
            mark(target);
        }
    }

    private void mark(int id) {
        setVisited(id, true);
        lists.moveTo(markInto, id);
        stack.push(id);
        marked++;
    }

    private void drain() {
        while (!stack.isEmpty()) {
            heap.forEachTarget(stack.pop(), markVisitor);
        }
    }
}

package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shadowheap.hooks.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The report's count of stores applied to the shadow is kept per thread (no shared atomic on the store path): it must
 * still be exact across threads that store at once and then end, count copies element by element and the edges an
 * object has when it is tracked, and leave out stores the shadow ignored.
 */
class StoreCountTest extends HookedTrackerTest {

    private Box trackedBox() {
        Box box = new Box();
        Hooks.adopt(box, 0);
        return box;
    }

    @Test
    void storesFromThreadsThatEndedAreCountedExactly() throws Exception {
        Hooks.install(tracker.sink());
        int threads = 6;
        int storesEach = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                Box owner = trackedBox();
                Box target = trackedBox();
                Box untracked = new Box(); // never tracked: its stores are ignored, not counted
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < storesEach; i++) {
                    Hooks.putField(owner, (i & 1) == 0 ? target : null, valueField);
                    Hooks.putField(untracked, target, valueField);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals((long) threads * storesEach, counters.stores());
        // A thread that stores after they ended folds their counts into the total: none may be lost or counted twice.
        Thread late = new Thread(() -> Hooks.putField(trackedBox(), null, valueField));
        late.start();
        late.join();
        assertEquals((long) threads * storesEach + 1, counters.stores());
    }

    @Test
    void copiesCountTheirElementsAndATrackedObjectItsEdges() {
        Hooks.install(tracker.sink());
        Box target = trackedBox();
        Object[] array = new Object[8];
        Hooks.newArray(array, 0);
        Object[] source = {target, target, null, target};
        Hooks.arraycopy(source, 0, array, 2, 4); // four elements overwritten, null included
        Box filled = new Box();
        filled.value = target;
        Hooks.adopt(filled, 0); // tracked with one edge already in place
        Object[] copied = {target, target, target};
        Hooks.adopt(copied, 0); // three
        assertEquals(4 + 1 + 3, counters.stores());
        assertEquals(heap.refcount(tracker.idOf(target)), 3 + 1 + 3, "the shadow agrees with the count");
    }
}

package dev.shadowheap.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The threading model of {@link ShadowHeap}: lock-free stores from many threads, racing on the same slots and the
 * same targets, interleaved with allocations and free cascades that take the structural lock. Whatever the
 * interleaving, every count must end equal to the number of slots that hold the object.
 */
class ShadowHeapConcurrencyTest {

    private static final int THREADS = 4;
    private static final int OWNERS = 200;
    private static final int TARGETS = 50;
    private static final int STORES_PER_THREAD = 300_000;

    @Test
    void countsMatchSlotsAfterRacingStoresAllocationsAndFrees() throws Exception {
        ShadowHeap heap = new ShadowHeap();
        int pair = heap.classes().registerInstanceClass("demo.Pair", new String[] {"left", "right"}, true,
                ShadowClass.Finalizer.NONE).id();
        int[] owners = new int[OWNERS];
        int[] targets = new int[TARGETS];
        for (int i = 0; i < OWNERS; i++) {
            owners[i] = heap.allocate(pair, 24, SiteTable.UNKNOWN);
        }
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = heap.allocate(pair, 24, SiteTable.UNKNOWN);
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                try {
                    SplittableRandom random = new SplittableRandom(seed);
                    start.await();
                    for (int i = 0; i < STORES_PER_THREAD; i++) {
                        int owner = owners[random.nextInt(OWNERS)];
                        int target = random.nextInt(8) == 0 ? ShadowHeap.NULL : targets[random.nextInt(TARGETS)];
                        heap.store(owner, random.nextInt(2), target);
                        if (i % 64 == 0) {
                            buildAndDropPrivateChain(heap, pair, random.nextInt(1, 20));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a storing thread failed", failure.get());
        }
        int[] expected = new int[heap.idLimit()];
        for (int owner : owners) {
            for (int slot = 0; slot < 2; slot++) {
                int target = heap.target(owner, slot);
                if (target != ShadowHeap.NULL) {
                    expected[target]++;
                }
            }
        }
        for (int target : targets) {
            assertEquals(expected[target], heap.refcount(target), "count of target " + target);
        }
        assertEquals(OWNERS + TARGETS, heap.liveObjects(), "every private chain was freed by its cascade");
    }

    /** A chain only this thread knows, released from its head: the cascade runs under the structural lock. */
    private static void buildAndDropPrivateChain(ShadowHeap heap, int pair, int length) {
        int head = heap.allocate(pair, 24, SiteTable.UNKNOWN);
        int previous = head;
        for (int i = 1; i < length; i++) {
            int next = heap.allocate(pair, 24, SiteTable.UNKNOWN);
            heap.store(previous, 1, next);
            heap.hostReleased(next);
            previous = next;
        }
        heap.hostReleased(head);
    }
}

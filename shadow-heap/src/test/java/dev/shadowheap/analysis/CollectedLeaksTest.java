package dev.shadowheap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.model.gc.CycleCollector;
import org.junit.jupiter.api.Test;

/** What the collector frees, grown by the untracked objects only it held, is what the leak report counts. */
class CollectedLeaksTest {

    private final ShadowHeap heap = new ShadowHeap();
    private final CycleCollector collector = CycleCollector.attach(heap, CPythonProfile.newest());
    private final LeakAccumulator accumulator = new LeakAccumulator();
    private final int node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next", "item"}, true,
            ShadowClass.Finalizer.NONE).id();
    private final int text = heap.classes().registerInstanceClass("java.lang.String", new String[] {"value"}, false,
            ShadowClass.Finalizer.NONE).id();
    private final int bytes = heap.classes().registerArrayClass("byte[]", false).id();

    CollectedLeaksTest() {
        collector.addUnreachableObserver(new CollectedLeaks(accumulator));
    }

    /** Two Nodes holding each other through {@code next}, host-held. */
    private int[] twoCycle() {
        int a = heap.allocate(node, 24, SiteTable.UNKNOWN);
        int b = heap.allocate(node, 24, SiteTable.UNKNOWN);
        heap.store(a, 0, b);
        heap.store(b, 0, a);
        return new int[] {a, b};
    }

    private int string() {
        int s = heap.allocate(text, 24, SiteTable.UNKNOWN);
        int b = heap.allocateArray(bytes, 24, SiteTable.UNKNOWN, 0);
        heap.store(s, 0, b);
        heap.hostReleased(b);
        return s;
    }

    @Test
    void untrackedObjectsHeldOnlyByACycleAreItsHangersOn() {
        int[] pair = twoCycle();
        int a = pair[0];
        int b = pair[1];
        int owned = string();
        heap.store(a, 1, owned);
        int shared = string();
        heap.store(b, 1, shared);
        int keeper = heap.allocate(node, 24, SiteTable.UNKNOWN); // host-held: keeps the shared string alive
        heap.store(keeper, 1, shared);
        for (int id : new int[] {a, b, owned, shared}) {
            heap.hostReleased(id);
        }

        collector.collect();

        LeakAnalysis analysis = accumulator.snapshot();
        assertEquals(4, analysis.leakedObjects(), "the 2-cycle, its own string and that string's byte[]");
        assertEquals(2, analysis.cycleObjects());
        assertEquals(2, analysis.hangerOnObjects());
        assertEquals(0, analysis.unattributedObjects());
        assertEquals("Node.next+", analysis.groups().get(0).shape());
        assertEquals(true, heap.isLive(shared), "held from outside the cycle, not leaked");
        assertEquals(false, heap.isLive(owned), "freed by the cascade when the cycle was cleared");
    }

    /**
     * A chain hanging off a cycle, held from outside halfway down: the links from there on are kept alive by that
     * outside referrer, not by the cycle, and are dropped however long the chain; the links before it are the cycle's.
     */
    @Test
    void aChainHeldFromOutsideHalfwayIsTheCyclesOnlyUpToThere() {
        int[] pair = twoCycle();
        int a = pair[0];
        int b = pair[1];
        int[] chain = new int[12];
        int previous = a;
        for (int i = 0; i < chain.length; i++) {
            chain[i] = heap.allocate(node, 24, SiteTable.UNKNOWN);
            heap.store(previous, 1, chain[i]);
            previous = chain[i];
        }
        int keeper = heap.allocate(node, 24, SiteTable.UNKNOWN); // host-held
        heap.store(keeper, 1, chain[4]);
        heap.hostReleased(a);
        heap.hostReleased(b);
        for (int link : chain) {
            heap.hostReleased(link);
        }

        int[] grown = new CollectedLeaks(new LeakAccumulator()).withWhatOnlyTheyHold(heap, new int[] {a, b});

        java.util.Arrays.sort(grown);
        int[] expected = {a, b, chain[0], chain[1], chain[2], chain[3]};
        java.util.Arrays.sort(expected);
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(grown));
    }

    /**
     * The collector reports leaks while it holds the heap's lock, which every allocating thread waits for; the
     * analysis of what it found must not need that lock. Here another thread holds the lock while the leaks found
     * by a collection are analysed.
     */
    @Test
    void leaksAreAnalysedWhileAnotherThreadHoldsTheHeapLock() throws Exception {
        int[] pair = twoCycle();
        int a = pair[0];
        int b = pair[1];
        heap.hostReleased(a);
        heap.hostReleased(b);
        collector.collect();
        assertFalse(heap.isLive(a) || heap.isLive(b), "the collection freed the cycle");

        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            heap.lock().lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heap.lock().unlock();
            }
        });
        holder.start();
        try {
            assertTrue(held.await(10, java.util.concurrent.TimeUnit.SECONDS));
            LeakAnalysis analysis = java.util.concurrent.CompletableFuture.supplyAsync(accumulator::snapshot)
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(2, analysis.leakedObjects());
            assertEquals(1, analysis.groups().size());
            assertEquals("Node.next+", analysis.groups().get(0).shape());
        } finally {
            release.countDown();
            holder.join();
        }
    }
}

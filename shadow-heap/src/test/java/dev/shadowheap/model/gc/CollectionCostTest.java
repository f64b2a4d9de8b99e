package dev.shadowheap.model.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A full collection over a million objects is iterative and allocates nothing per object. */
class CollectionCostTest {

    private static final int N = 1_000_000;

    @Test
    void fullCollectionOverAMillionObjectsWithTwoEdgesEach() {
        ShadowHeap heap = new ShadowHeap();
        ShadowClass node = heap.classes().registerInstanceClass("Node", new String[] {"next", "prev"}, true,
                ShadowClass.Finalizer.NONE);
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_13);
        gc.disable();
        int[] ids = new int[N];
        for (int i = 0; i < N; i++) {
            ids[i] = heap.allocate(node.id(), 32, SiteTable.UNKNOWN);
        }
        for (int i = 0; i < N; i++) {
            heap.store(ids[i], 0, ids[(i + 1) % N]);
            heap.store(ids[i], 1, ids[(i + N - 1) % N]);
        }
        for (int i = 1; i < N; i++) {
            heap.hostReleased(ids[i]); // one host reference keeps the whole ring
        }
        gc.collect(); // warms the collector's per-id arrays
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        assertEquals(0, gc.collect());
        long surviveNanos = System.nanoTime() - start;
        long surviveBytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;

        heap.hostReleased(ids[0]);
        start = System.nanoTime();
        assertEquals(N, gc.collect());
        long freeNanos = System.nanoTime() - start;
        assertEquals(0, heap.liveObjects());
        System.out.printf("[gc cost] full collection of 1M objects x 2 edges: all survive %.1f ms (%d bytes allocated),"
                + " all freed %.1f ms; collector state %d bytes%n", surviveNanos / 1e6, surviveBytes, freeNanos / 1e6,
                gc.storageBytes());
        assertTrue(surviveBytes < 64 * 1024, "a collection must not allocate per object: " + surviveBytes + " bytes");
    }
}

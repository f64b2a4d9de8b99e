package dev.shadowheap.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.report.EdgeAudit;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.report.Tracking;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelledRunTest {

    @Test
    void aRunReportsWhatTheCollectorsFoundAndWhereTheBlocksWent() {
        ShadowHeap heap = new ShadowHeap();
        ModelledRun run = ModelledRun.attach(heap, CPythonProfile.PY_3_11);
        int node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next", "item"}, true,
                ShadowClass.Finalizer.NONE).id();
        int site = heap.sites().register("demo.Main.main(Main.java:3)");
        int pairs = 1000;
        for (int i = 0; i < pairs; i++) {
            int a = heap.allocate(node, 24, site);
            int b = heap.allocate(node, 24, site);
            int item = heap.allocate(node, 24, site);
            heap.store(a, 0, b);
            heap.store(b, 0, a);
            heap.store(a, 1, item);
            heap.hostReleased(a);
            heap.hostReleased(b);
            heap.hostReleased(item);
        }
        // 3,000 container allocations cross 3.11's threshold of 700 several times: automatic collections ran.
        RunReport report = run.finish("test", new Tracking(3 * pairs, 72L * pairs, 3L * pairs, 1, Map.of()),
                new EdgeAudit(0, 0, 0));

        assertEquals(3 * pairs, report.leaks().objects());
        assertEquals(1, report.leaks().groups().size());
        assertEquals("Node.next+", report.leaks().groups().get(0).shape());
        assertEquals(pairs, report.leaks().groups().get(0).cycles());
        assertEquals(pairs, report.leaks().groups().get(0).hangersOn());
        assertEquals(3 * pairs, report.generations().stream().mapToLong(g -> g.collected()).sum(),
                "every leaked object was collected by some collection");
        assertEquals(1, report.generations().get(2).collections(), "the shutdown collection");
        assertTrue(report.generations().get(0).collections() >= 4, "automatic gen-0 collections ran");
        assertEquals(0, heap.liveObjects());
        assertEquals(0, report.pools().bytesInBlocks(), "every block went back to its pool");
        assertEquals(1.0, report.leakedObjectShare(), 1e-9);
    }

    @Test
    void modelsMustSeeEveryAllocation() {
        ShadowHeap heap = new ShadowHeap();
        int node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next"}, true,
                ShadowClass.Finalizer.NONE).id();
        heap.allocate(node, 16, SiteTable.UNKNOWN);
        assertThrows(IllegalArgumentException.class, () -> ModelledRun.attach(heap, CPythonProfile.newest()));
    }
}
